import { checkPost } from '@sdk/check_post'
import { checkParts, type PartIssue } from '@sdk/parts'
import type { Capabilities } from '@sdk/capabilities'
import { countText } from '@sdk/text_counters'
import { asDelivered } from '@sdk/media_fit'
import type { MediaItem, NetworkPlugin } from '@sdk/contract'
import type { ComposerAccount, MediaChoice, OptionValue } from './types'

export type LiveCheck = { issues: PartIssue[]; count: number; limit: number; over: boolean }

/** A follow-up as the browser checks it: its text as published (variables filled in). */
export type LivePart = { kind: 'thread' | 'first_comment'; text: string }

/** A library asset as the SDK's checks see it (they never read the bytes). */
export function toMediaItem(asset: MediaChoice, altText: string | null): MediaItem {
  return {
    kind: asset.kind,
    mimeType: asset.mimeType,
    bytes: asset.bytes,
    width: asset.width ?? undefined,
    height: asset.height ?? undefined,
    durationSeconds: asset.durationSeconds ?? undefined,
    altText: altText ?? asset.altText,
    read: async () => new Uint8Array(),
  }
}

/**
 * The SDK's own `checkPost` and `checkParts`, run in the browser with the account's rules as
 * the server computed them (capabilities for that very account, option fields), on every
 * keystroke. The shared follow-ups go to the networks that take their kind, as saving does.
 * A plugin's extra `validate` hook lives with the plugin on the server: use_live_check
 * asks the server for those after a pause and merges them in.
 */
export function liveCheck(
  account: ComposerAccount,
  text: string,
  media: MediaItem[],
  options: Record<string, OptionValue>,
  parts: LivePart[] = []
): LiveCheck {
  const rules = {
    capabilities: account.capabilities,
    optionFields: account.optionFields,
  } as unknown as NetworkPlugin
  // Media as the pipeline will deliver it (re-encoded, padded, compressed): only what it cannot fix is reported.
  const delivered = media.map((item) => asDelivered(item, account.capabilities))
  const issues: PartIssue[] = [
    ...checkPost(rules, { text, media: delivered, options }),
    ...checkParts(
      account.capabilities as unknown as Capabilities,
      parts.map((part) => ({ ...part, media: [] })),
      { explicit: false }
    ),
  ]
  const count = countText(text, account.capabilities.text.counter)
  const limit = account.capabilities.text.limit
  return { issues, count, limit, over: count > limit }
}
