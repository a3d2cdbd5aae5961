import {
  failed,
  noChoicesFor,
  ok,
  type AccountContext,
  type Failure,
  type MediaItem,
  type OptionChoice,
  type Result,
} from '#sdk'
import { unwrap, type TikTokEnvelope } from './errors.js'
import { PRIVACY_LABELS, PRIVACY_LEVELS, type TikTokOptions } from './options.js'
import { apiHttp } from './urls.js'

export interface CreatorInfo {
  creator_username?: string
  creator_nickname?: string
  creator_avatar_url?: string
  privacy_level_options: string[]
  comment_disabled?: boolean
  duet_disabled?: boolean
  stitch_disabled?: boolean
  max_video_post_duration_sec?: number
}

/**
 * POST /v2/post/publish/creator_info/query/: what this creator may post right now. It is a
 * read, so a lost answer is a plain retryable failure, never an ambiguous publish.
 */
export async function queryCreatorInfo(ctx: AccountContext): Promise<Result<CreatorInfo>> {
  const response = await apiHttp(ctx).send<TikTokEnvelope<CreatorInfo>>({
    method: 'POST',
    url: '/v2/post/publish/creator_info/query/',
    bearer: ctx.token.accessToken,
    json: {},
  })
  if (response.status === 'ambiguous') return failed(response.reason, true, 'timeout')
  return unwrap<CreatorInfo>(ctx.settings, response)
}

/** The `optionChoices` hook: the privacy levels creator_info offers, in TikTok's order, with its words. */
export async function tiktokOptionChoices(
  ctx: AccountContext,
  field: string
): Promise<Result<OptionChoice[]>> {
  if (field !== 'privacyLevel') return noChoicesFor(field)
  const creator = await queryCreatorInfo(ctx)
  if (creator.status !== 'ok') return creator
  const offered = new Set(creator.value.privacy_level_options ?? [])
  // A level this code does not know yet is left out rather than shown as a raw constant.
  const known = PRIVACY_LEVELS.filter((level) => offered.has(level))
  return ok(known.map((level) => ({ value: level, label: PRIVACY_LABELS[level] })))
}

/** The interaction settings to send: a creator who turned an interaction off keeps it off. */
export function interactionSettings(creator: CreatorInfo, options: TikTokOptions) {
  return {
    disable_comment: Boolean(options.disableComment || creator.comment_disabled),
    disable_duet: Boolean(options.disableDuet || creator.duet_disabled),
    disable_stitch: Boolean(options.disableStitch || creator.stitch_disabled),
  }
}

/**
 * Checks the post against what creator_info allows, before anything is uploaded. These are
 * not retryable: the same post fails the same way until the user changes it.
 */
export function checkAgainstCreator(
  creator: CreatorInfo,
  options: TikTokOptions,
  media: MediaItem[]
): Failure | null {
  if (!options.sendToInbox) {
    const offered = creator.privacy_level_options ?? []
    if (!options.privacyLevel)
      return failed(
        'TikTok needs a privacy level for a direct post',
        false,
        'privacy_level_required'
      )
    if (!offered.includes(options.privacyLevel)) {
      return failed(
        `TikTok does not offer the privacy level ${options.privacyLevel} to this creator; choose one of: ${offered.join(', ') || 'none'}`,
        false,
        'privacy_level_not_offered'
      )
    }
  }
  const max = creator.max_video_post_duration_sec
  const tooLong = media.find(
    (item) => item.kind === 'video' && max && (item.durationSeconds ?? 0) > max
  )
  if (tooLong)
    return failed(
      `The video lasts ${tooLong.durationSeconds} s; this creator may post at most ${max} s`,
      false,
      'video_too_long'
    )
  return null
}
