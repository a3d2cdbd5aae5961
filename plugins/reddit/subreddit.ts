import { failed, ok, type AccountContext, type Failure, type Result } from '#sdk'
import { fetchFlairTemplates } from './flairs.js'
import type { RedditOptions } from './options.js'
import { redditHttp } from './settings.js'

export type PostKind = 'self' | 'link' | 'image' | 'video' | 'gallery'

interface About {
  display_name: string
  submission_type?: 'any' | 'link' | 'self'
  allow_images?: boolean
  allow_videos?: boolean
  allow_galleries?: boolean
}

interface Requirements {
  is_flair_required?: boolean
  body_restriction_policy?: 'required' | 'notAllowed' | 'none'
  title_text_max_length?: number | null
  title_text_min_length?: number | null
}

/**
 * Reads the subreddit's rules (about, post_requirements, and the flair templates when
 * flair matters) and refuses a post they would reject, with words the user can act on.
 * Every refusal is not retryable: the post has to change first.
 */
export async function checkSubreddit(
  ctx: AccountContext,
  sr: string,
  kind: PostKind,
  options: RedditOptions,
  text: string
): Promise<Result<void>> {
  const http = redditHttp(ctx)
  const bearer = ctx.token.accessToken
  const about = await http.send<{ data?: About }>({
    url: `/r/${encodeURIComponent(sr)}/about`,
    query: { raw_json: 1 },
    bearer,
  })
  if (about.status === 'error' && (about.httpStatus === 404 || about.httpStatus === 403)) {
    return failed(
      `r/${sr} does not exist or cannot be posted to (${about.httpStatus})`,
      false,
      'subreddit_unavailable',
      { httpStatus: about.httpStatus }
    )
  }
  if (about.status !== 'ok') return about
  const refused = kindRefused(sr, kind, about.value.body?.data ?? { display_name: sr })
  if (refused) return refused

  const rules = await http.send<Requirements>({
    url: `/api/v1/${encodeURIComponent(sr)}/post_requirements`,
    bearer,
  })
  if (rules.status !== 'ok') return rules
  const requirements = rules.value.body ?? {}
  const title = options.title ?? ''
  if (requirements.title_text_max_length && title.length > requirements.title_text_max_length) {
    return failed(
      `r/${sr} takes titles of at most ${requirements.title_text_max_length} characters`,
      false,
      'title_too_long'
    )
  }
  if (requirements.title_text_min_length && title.length < requirements.title_text_min_length) {
    return failed(
      `r/${sr} needs titles of at least ${requirements.title_text_min_length} characters`,
      false,
      'title_too_short'
    )
  }
  if (requirements.body_restriction_policy === 'required' && !text.trim())
    return failed(`r/${sr} requires body text`, false, 'body_required')
  if (requirements.body_restriction_policy === 'notAllowed' && text.trim())
    return failed(`r/${sr} does not allow body text`, false, 'body_not_allowed')

  if (!requirements.is_flair_required && !options.flairId) return ok(undefined)
  const flairs = await fetchFlairTemplates(ctx, sr)
  if (flairs.status !== 'ok') return flairs
  const templates = flairs.value
  const choices =
    templates.map((template) => `${template.text} (${template.id})`).join(', ') || 'none offered'
  if (!options.flairId)
    return failed(`r/${sr} requires a flair; choose one of: ${choices}`, false, 'flair_required')
  if (templates.length && !templates.some((template) => template.id === options.flairId)) {
    return failed(
      `r/${sr} has no flair ${options.flairId}; choose one of: ${choices}`,
      false,
      'flair_invalid'
    )
  }
  return ok(undefined)
}

function kindRefused(sr: string, kind: PostKind, about: About): Failure | null {
  const type = about.submission_type ?? 'any'
  if (type === 'self' && kind !== 'self')
    return failed(`r/${sr} accepts text posts only`, false, 'kind_not_allowed')
  if (type === 'link' && kind === 'self')
    return failed(`r/${sr} does not accept text posts`, false, 'kind_not_allowed')
  if (kind === 'image' && about.allow_images === false)
    return failed(`r/${sr} does not allow images`, false, 'kind_not_allowed')
  if (kind === 'video' && about.allow_videos === false)
    return failed(`r/${sr} does not allow videos`, false, 'kind_not_allowed')
  if (kind === 'gallery' && about.allow_galleries === false)
    return failed(`r/${sr} does not allow galleries`, false, 'kind_not_allowed')
  return null
}
