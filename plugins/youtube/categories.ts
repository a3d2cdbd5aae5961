import { noChoicesFor, ok, type AccountContext, type OptionChoice, type Result } from '#sdk'
import { apiHttp } from './urls.js'

interface VideoCategory {
  id: string
  snippet?: { title?: string; assignable?: boolean }
}

/** Categories differ slightly by region; without one configured, the US list (the widest) is used. */
const DEFAULT_REGION = 'US'

/**
 * The `optionChoices` hook: the categories a video may be filed under (videoCategories.list,
 * assignable ones only), labelled in the region's language.
 */
export async function youtubeOptionChoices(
  ctx: AccountContext,
  field: string
): Promise<Result<OptionChoice[]>> {
  if (field !== 'categoryId') return noChoicesFor(field)
  const region =
    typeof ctx.settings.regionCode === 'string' ? ctx.settings.regionCode : DEFAULT_REGION
  const response = await apiHttp(ctx).send<{ items?: VideoCategory[] }>({
    url: 'videoCategories',
    query: { part: 'snippet', regionCode: region },
    bearer: ctx.token.accessToken,
  })
  if (response.status !== 'ok') return response
  const assignable = (response.value.body.items ?? []).filter(
    (category) => category.snippet?.assignable
  )
  return ok(
    assignable.map((category) => ({
      value: category.id,
      label: category.snippet?.title || category.id,
    }))
  )
}
