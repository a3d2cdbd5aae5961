import type { HttpContext } from '@adonisjs/core/http'

/**
 * The workspace's main sections. Each renders its page inside the workspace the
 * middleware resolved; the areas that fill them add their own props.
 */
export default class WorkspacePagesController {
  async show({ workspace, response }: HttpContext) {
    return response.redirect().toRoute('workspace.calendar', { workspace: workspace.slug })
  }
}
