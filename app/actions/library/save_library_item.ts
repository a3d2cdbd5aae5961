import LibraryItem from '#models/library_item'
import MediaAsset from '#models/media_asset'
import SocialAccount from '#models/social_account'
import type User from '#models/user'
import type Workspace from '#models/workspace'
import plugins from '#services/plugins'
import { COMPUTED_VARIABLES, VARIABLE_NAME } from '#sdk/text_variables'
import { normalizeHashtags } from '#sdk/hashtags'
import type { LibraryItemInput } from '#validators/library'

/** Why an item was refused, by the field at fault (translated under `library.errors.*`). */
export type SaveRefusal = { field: keyof LibraryItemInput; code: string }
export type SaveResult =
  { status: 'saved'; item: LibraryItem } | { status: 'refused'; refusal: SaveRefusal }

const refuse = (field: SaveRefusal['field'], code: string): SaveResult => ({
  status: 'refused',
  refusal: { field, code },
})

/** The columns one kind keeps; the others are emptied so an item never carries stale data. */
async function columnsFor(input: LibraryItemInput, workspace: Workspace) {
  const kind = input.kind
  const media = kind === 'template' ? (input.media ?? []) : []
  const ids = media.map((item) => item.mediaAssetId)
  if (ids.length) {
    const found = await MediaAsset.query().where('workspace_id', workspace.id).whereIn('id', ids)
    if (found.length !== new Set(ids).size) return 'unknown_media' as const
  }
  const accountIds = kind === 'snippet' ? (input.autoAccountIds ?? []) : []
  if (accountIds.length) {
    const found = await SocialAccount.query()
      .where('workspace_id', workspace.id)
      .whereIn('id', accountIds)
    if (found.length !== accountIds.length) return 'unknown_accounts' as const
  }
  const networks = kind === 'snippet' ? (input.autoNetworks ?? []) : []
  const variants = kind === 'template' ? (input.networkVariants ?? {}) : {}
  for (const network of [...networks, ...Object.keys(variants)])
    if (!(await plugins.has(network))) return 'unknown_network' as const
  return {
    body: kind === 'hashtag_group' ? normalizeHashtags(input.body).join(' ') : input.body,
    networkVariants: Object.fromEntries(
      Object.entries(variants).filter((entry): entry is [string, string] => !!entry[1]?.trim())
    ),
    media: media.map((item) => ({
      mediaAssetId: item.mediaAssetId,
      altText: item.altText ?? null,
    })),
    autoNetworks: networks,
    autoAccountIds: accountIds,
  }
}

/**
 * Adds or changes a library item after the rules its kind has on top of the validator:
 * a variable's name is a `{{name}}` and not a computed one, a group holds hashtags, media
 * and accounts belong to this workspace, a name is unique per kind. The caller has
 * checked the member's right to edit the library.
 */
export async function saveLibraryItem(args: {
  workspace: Workspace
  actor: User
  input: LibraryItemInput
  item?: LibraryItem
}): Promise<SaveResult> {
  const { workspace, actor, input, item } = args
  if (item && item.kind !== input.kind) return refuse('kind', 'kind_changed')
  const name = input.kind === 'variable' ? input.name.toLowerCase() : input.name
  if (input.kind === 'variable') {
    if (!VARIABLE_NAME.test(name)) return refuse('name', 'variable_name')
    if ((COMPUTED_VARIABLES as readonly string[]).includes(name))
      return refuse('name', 'variable_reserved')
  } else if (!input.body.trim()) return refuse('body', 'body_required')
  if (input.kind === 'hashtag_group' && !normalizeHashtags(input.body).length)
    return refuse('body', 'no_hashtags')

  const taken = await LibraryItem.query()
    .where('workspace_id', workspace.id)
    .where('kind', input.kind)
    .whereRaw('lower(name) = ?', [name.toLowerCase()])
    .if(item, (query) => query.whereNot('id', item!.id))
    .first()
  if (taken) return refuse('name', 'name_taken')

  const columns = await columnsFor(input, workspace)
  if (columns === 'unknown_media') return refuse('media', columns)
  if (columns === 'unknown_accounts') return refuse('autoAccountIds', columns)
  if (columns === 'unknown_network') return refuse('networkVariants', columns)

  const saved = item ?? new LibraryItem()
  saved.merge({ workspaceId: workspace.id, kind: input.kind, name, ...columns })
  if (!item) saved.createdById = actor.id
  await saved.save()
  return { status: 'saved', item: saved }
}
