import { noChoicesFor, ok, type AccountContext, type OptionChoice, type Result } from '#sdk'
import { subredditName, SUBREDDIT_NAME } from './options.js'
import { redditHttp } from './settings.js'

export interface FlairTemplate {
  id: string
  text: string
  text_editable?: boolean
  mod_only?: boolean
}

/** GET /r/{sr}/api/link_flair_v2: the subreddit's link flair templates. */
export async function fetchFlairTemplates(
  ctx: AccountContext,
  sr: string
): Promise<Result<FlairTemplate[]>> {
  const response = await redditHttp(ctx).send<FlairTemplate[]>({
    url: `/r/${encodeURIComponent(sr)}/api/link_flair_v2`,
    query: { raw_json: 1 },
    bearer: ctx.token.accessToken,
  })
  if (response.status !== 'ok') return response
  return ok(Array.isArray(response.value.body) ? response.value.body : [])
}

/**
 * The `optionChoices` hook: the flairs a member may pick in the chosen subreddit. No valid
 * subreddit yet, or one that does not exist or hides its flairs (404/403), offers none.
 */
export async function redditOptionChoices(
  ctx: AccountContext,
  field: string,
  values: Record<string, unknown>
): Promise<Result<OptionChoice[]>> {
  if (field !== 'flairId') return noChoicesFor(field)
  const sr = subredditName({
    subreddit: typeof values.subreddit === 'string' ? values.subreddit : '',
  })
  if (!SUBREDDIT_NAME.test(sr)) return ok([])
  const templates = await fetchFlairTemplates(ctx, sr)
  if (
    templates.status === 'error' &&
    (templates.httpStatus === 404 || templates.httpStatus === 403)
  )
    return ok([])
  if (templates.status !== 'ok') return templates
  return ok(
    templates.value
      .filter((template) => !template.mod_only)
      .map((template) => ({ value: template.id, label: template.text || template.id }))
  )
}
