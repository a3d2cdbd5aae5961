import MediaAsset from '#models/media_asset'
import type Workspace from '#models/workspace'
import type { MediaInput } from '#actions/posts/create_post'
import { loadTargetAccounts } from '#services/posts/load_targets'
import { checkTargets, type TargetCheck, type TargetInput } from '#services/posts/check_targets'
import { checkableMedia } from '#services/media/checkable_media'
import { partMediaIds, type PartInput } from '#services/posts/post_parts'

export type CheckDraftResult =
  | { status: 'checked'; checks: TargetCheck[] }
  | { status: 'unknown_accounts' }
  | { status: 'unknown_media' }

/**
 * What saving the composer's current state would report, account by account — the generic
 * rules, the account's own capabilities and the plugin's `validate` hook — without saving
 * anything: no post, no delivery, and no media variant is made (the composer calls this
 * while the user types).
 */
export async function checkDraft(input: {
  workspace: Workspace
  body: string
  targets: TargetInput[]
  media: MediaInput[]
  parts?: PartInput[]
}): Promise<CheckDraftResult> {
  // One check per account, the last variant winning, as saving does.
  const targets = [
    ...new Map(input.targets.map((target) => [target.socialAccountId, target])).values(),
  ]
  const { accounts, missing } = await loadTargetAccounts(
    input.workspace.id,
    targets.map((target) => target.socialAccountId)
  )
  if (missing.length) return { status: 'unknown_accounts' }

  const ids = [
    ...new Set([
      ...input.media.map((item) => item.mediaAssetId),
      ...partMediaIds(input.parts, targets),
    ]),
  ]
  // Ids from a form: only this workspace's ready assets may be checked (as they may be attached).
  const assets = ids.length
    ? await MediaAsset.query()
        .where('workspace_id', input.workspace.id)
        .where('status', 'ready')
        .whereIn('id', ids)
    : []
  if (assets.length !== ids.length) return { status: 'unknown_media' }

  // Read-only: making variants is the media queue's work, once the post is saved.
  const mediaFor = (network: string) => checkableMedia(input.media, network, { prepare: false })
  return {
    status: 'checked',
    checks: await checkTargets({
      workspaceId: input.workspace.id,
      body: input.body,
      targets,
      accounts,
      mediaFor,
      parts: input.parts,
    }),
  }
}
