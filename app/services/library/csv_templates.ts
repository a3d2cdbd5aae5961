import LibraryItem, { type LibraryMedia } from '#models/library_item'

export interface TemplateUse {
  text: string
  /** The template's text per network, used over `text` on that network. */
  variants: Record<string, string>
  media: LibraryMedia[]
}

/**
 * The workspace's templates by name (case-insensitive), for CSV rows that name one. A row's
 * own text wins over the template's body; the template's network versions and media come along.
 */
export async function templateFinder(workspaceId: number) {
  const templates = await LibraryItem.query()
    .where('workspace_id', workspaceId)
    .where('kind', 'template')
  const byName = new Map(templates.map((template) => [template.name.toLowerCase(), template]))
  return (name: string, rowText: string): TemplateUse | null => {
    const template = byName.get(name.trim().toLowerCase())
    if (!template) return null
    return {
      text: rowText.trim() ? rowText : template.body,
      variants: rowText.trim() ? {} : template.networkVariants,
      media: template.media,
    }
  }
}
