import type { TransactionClientContract } from '@adonisjs/lucid/types/database'
import Workspace from '#models/workspace'

const MAX_LENGTH = 48

/** `Café Brûlé & Co` → `cafe-brule-co`; a name with no latin letters or digits falls back to `workspace`. */
export function slugify(name: string) {
  const slug = name
    .normalize('NFKD')
    .replace(/[\u0300-\u036f]/g, '')
    .toLowerCase()
    .replace(/[^a-z0-9]+/g, '-')
    .replace(/^-+|-+$/g, '')
    .slice(0, MAX_LENGTH)
    .replace(/-+$/g, '')
  return slug || 'workspace'
}

/** The slug for a new workspace: the name's own, or with the first free `-2`, `-3`… suffix. */
export async function uniqueSlug(name: string, trx: TransactionClientContract) {
  const base = slugify(name)
  const taken = new Set(
    (
      await Workspace.query({ client: trx })
        .where('slug', base)
        .orWhere('slug', 'like', `${base}-%`)
        .select('slug')
    ).map((workspace) => workspace.slug)
  )
  if (!taken.has(base)) return base
  let suffix = 2
  while (taken.has(`${base}-${suffix}`)) suffix++
  return `${base}-${suffix}`
}
