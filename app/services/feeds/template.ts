import type { FeedEntry } from '#services/feeds/parse_feed'

export const DEFAULT_FEED_TEMPLATE = '{title}\n\n{link}'

/** Summaries are cut to this many characters: the network checks decide the rest. */
const SUMMARY_MAX = 280

const cut = (text: string, max: number) =>
  text.length <= max ? text : `${text.slice(0, max - 1).trimEnd()}…`

/** The feed's template with the entry's title, link and summary. Unknown placeholders stay as typed. */
export function renderTemplate(template: string, entry: FeedEntry) {
  const values: Record<string, string> = {
    title: entry.title,
    link: entry.link ?? '',
    summary: cut(entry.summary, SUMMARY_MAX),
  }
  return template
    .replace(/\{(title|link|summary)\}/g, (_match, name: string) => values[name])
    .replace(/\n{3,}/g, '\n\n')
    .trim()
}

/**
 * Include words: at least one must appear (none given = everything passes); exclude words:
 * none may. Whole words, any case, in the title and the summary.
 */
export function passesFilter(entry: FeedEntry, include: string[], exclude: string[]) {
  const haystack = ` ${`${entry.title} ${entry.summary}`.toLowerCase().replace(/[^\p{L}\p{N}]+/gu, ' ')} `
  const has = (word: string) => {
    const needle = word
      .toLowerCase()
      .replace(/[^\p{L}\p{N}]+/gu, ' ')
      .trim()
    return needle.length > 0 && haystack.includes(` ${needle} `)
  }
  if (include.length && !include.some(has)) return false
  return !exclude.some(has)
}
