import type { HttpContext } from '@adonisjs/core/http'
import type { NextFn } from '@adonisjs/core/types/http'
import NotFoundException from '#exceptions/not_found_exception'

/**
 * The System area is for instance admins only. Everyone else gets the plain 404 of a page
 * that does not exist: the area's existence, like a foreign workspace's, is not revealed.
 * Runs after `auth`.
 */
export default class InstanceAdminMiddleware {
  async handle(ctx: HttpContext, next: NextFn) {
    if (!ctx.auth.user?.isInstanceAdmin) throw new NotFoundException()
    return next()
  }
}
