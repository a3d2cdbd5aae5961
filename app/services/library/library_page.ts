import type Workspace from '#models/workspace'
import type { LibraryKind } from '#models/library_item'
import SocialAccount from '#models/social_account'
import MediaAsset from '#models/media_asset'
import { searchLibrary } from '#services/library/search_library'
import { hashtagLimits } from '#services/library/hashtag_limits'
import { networkMarks } from '#services/posts/composer_data'
import LibraryTransformer from '#transformers/library_transformer'

/** The library's rows, with the limits they were measured against. */
export async function libraryRows(
  workspaceId: number,
  filters: { kind?: LibraryKind; q?: string }
) {
  const limits = await hashtagLimits()
  const items = await searchLibrary(workspaceId, filters)
  return {
    items: items.map((item) => new LibraryTransformer(item, limits).toObject()),
    hashtagLimits: limits,
  }
}

/** What the library page shows beside the rows: networks, accounts and images to pick from. */
export async function libraryChoices(workspace: Workspace) {
  const accounts = await SocialAccount.query()
    .where('workspace_id', workspace.id)
    .whereNot('status', 'disconnected')
    .orderBy('network')
    .orderBy('display_name')
  const media = await MediaAsset.query()
    .where('workspace_id', workspace.id)
    .where('status', 'ready')
    .orderBy('created_at', 'desc')
    .limit(100)
  return {
    networks: await networkMarks(),
    accounts: accounts.map((a) => ({ id: a.id, network: a.network, handle: a.handle })),
    media: media.map((asset) => ({ id: asset.id, name: asset.originalName, kind: asset.kind })),
  }
}
