import { asDelivered, type MediaItem } from '#sdk'
import plugins from '#services/plugins'
import MediaAsset from '#models/media_asset'
import MediaVariant from '#models/media_variant'
import type Workspace from '#models/workspace'
import type { MediaInput } from '#actions/posts/create_post'
import { loadTargetAccounts } from '#actions/posts/load_targets'
import { checkTargets, type TargetCheck, type TargetInput } from '#actions/posts/check_targets'

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
export async function checkDraft(input: { workspace: Workspace; body: string; targets: TargetInput[]; media: MediaInput[] }): Promise<CheckDraftResult> {
  // One check per account, the last variant winning, as saving does.
  const targets = [...new Map(input.targets.map((target) => [target.socialAccountId, target])).values()]
  const { accounts, missing } = await loadTargetAccounts(input.workspace.id, targets.map((target) => target.socialAccountId))
  if (missing.length) return { status: 'unknown_accounts' }

  const ids = [...new Set(input.media.map((item) => item.mediaAssetId))]
  // Ids from a form: only this workspace's ready assets may be checked (as they may be attached).
  const assets = ids.length ? await MediaAsset.query().where('workspace_id', input.workspace.id).where('status', 'ready').whereIn('id', ids) : []
  if (assets.length !== ids.length) return { status: 'unknown_media' }

  const mediaFor = await libraryMedia(input.media, new Map(assets.map((asset) => [asset.id, asset])))
  return { status: 'checked', checks: await checkTargets({ body: input.body, targets, accounts, mediaFor }) }
}

/**
 * The attached media as a network would receive it: its ready variant's format and size when
 * one was made already, else the variant the pipeline will make (sdk/media_fit.ts), as the
 * composer predicts it in the browser.
 * Read-only on purpose — making variants is the media queue's work, once the post is saved.
 */
async function libraryMedia(media: MediaInput[], assets: Map<number, MediaAsset>) {
  const variants = assets.size
    ? await MediaVariant.query().whereIn('media_asset_id', [...assets.keys()]).where('status', 'ready')
    : []
  return async (network: string): Promise<MediaItem[]> => {
    const { capabilities } = await plugins.get(network)
    return media.map((item) => {
      const asset = assets.get(item.mediaAssetId)!
      const variant = variants.find((row) => row.mediaAssetId === asset.id && row.network === network)
      const stored: MediaItem = {
        kind: asset.kind,
        mimeType: variant?.mimeType ?? asset.mimeType,
        bytes: variant?.bytes ?? asset.bytes,
        width: variant?.width ?? asset.width ?? undefined,
        height: variant?.height ?? asset.height ?? undefined,
        durationSeconds: variant?.durationSeconds ?? asset.durationSeconds ?? undefined,
        altText: item.altText || asset.altText,
        // The checks never read the bytes.
        read: async () => new Uint8Array(),
      }
      // No variant yet: predict the one the pipeline will make (variants follow the network's capabilities).
      return variant ? stored : asDelivered(stored, capabilities)
    })
  }
}
