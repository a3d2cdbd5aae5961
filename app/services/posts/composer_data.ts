import MediaAsset from '#models/media_asset'
import SocialAccount from '#models/social_account'
import plugins from '#services/plugins'
import { mediaLimits } from '#services/media/limits'
import MediaTransformer from '#transformers/media_transformer'
import NetworkTransformer from '#transformers/network_transformer'
import { toComposerAccount } from '#transformers/post_transformer'

/**
 * What the composer needs beside the post: the workspace's accounts with each one's own
 * rules (capabilities for that very account, option fields), the network marks, and the
 * library's media (ready ones can be attached; those still processing, just uploaded from
 * the composer, are shown as such) and the upload limits. Accounts of a network that is switched off are left out.
 */
export async function composerData({ id: workspaceId, slug }: { id: number; slug: string }) {
  const enabled = await plugins.enabled()
  const byId = new Map(enabled.map((plugin) => [plugin.id, plugin]))
  const accounts = await SocialAccount.query()
    .where('workspace_id', workspaceId)
    .whereNot('status', 'disconnected')
    .whereIn('network', [...byId.keys()])
    .orderBy('network')
    .orderBy('display_name')
  // Replaced by the media library's listing endpoint once it lands.
  const media = await MediaAsset.query()
    .where('workspace_id', workspaceId)
    .whereIn('status', ['ready', 'processing'])
    .orderBy('created_at', 'desc')
    .limit(200)
  return {
    accounts: accounts.map((account) => toComposerAccount(account, byId.get(account.network)!)),
    networks: Object.fromEntries(
      enabled.map((plugin) => [plugin.id, new NetworkTransformer(plugin).toObject()])
    ),
    media: media.map((asset) => new MediaTransformer(asset, slug).toObject()),
    mediaLimits: mediaLimits(),
  }
}

/** The network marks only (lists and detail pages). */
export async function networkMarks() {
  return Object.fromEntries(
    (await plugins.enabled()).map((plugin) => [
      plugin.id,
      new NetworkTransformer(plugin).toObject(),
    ])
  )
}
