import LibraryItem, { type LibraryKind } from '#models/library_item'

/** LIKE wildcards in a user's words are matched literally. */
const literal = (words: string) => words.toLowerCase().replace(/[\\%_]/g, (char) => `\\${char}`)

/**
 * The workspace's library items, by kind then name; `q` looks in names and texts, case
 * insensitive, the same on SQLite and PostgreSQL.
 */
export function searchLibrary(workspaceId: number, filters: { kind?: LibraryKind; q?: string }) {
  const query = LibraryItem.query().where('workspace_id', workspaceId)
  if (filters.kind) query.where('kind', filters.kind)
  if (filters.q) {
    const pattern = `%${literal(filters.q)}%`
    query.where((inner) =>
      inner
        .whereRaw(`lower(name) like ? escape '\\'`, [pattern])
        .orWhereRaw(`lower(body) like ? escape '\\'`, [pattern])
    )
  }
  return query.orderBy('kind').orderBy('name').limit(500)
}
