import { createHash } from 'node:crypto'
import { parseFeed } from 'feedsmith'
import { DateTime } from 'luxon'

/** One entry of any feed format, reduced to what a post template uses. */
export interface FeedEntry {
  /** sha256 of the guid/id, or of the link when the feed gives none: the "seen" key. */
  key: string
  title: string
  link: string | null
  summary: string
  image: string | null
  publishedAt: DateTime | null
}

export interface ParsedFeed {
  format: 'rss' | 'atom' | 'json' | 'rdf'
  title: string | null
  entries: FeedEntry[]
}

export class FeedParseError extends Error {}

const textOf = (value: unknown): string => {
  if (typeof value === 'string') return value
  if (value && typeof value === 'object' && 'value' in value)
    return String((value as { value: unknown }).value ?? '')
  return ''
}

/** Markup → plain text: feeds put HTML in summaries; a post wants words. */
export function plainText(html: string) {
  return html
    .replace(/<(script|style)[\s\S]*?<\/\1>/gi, ' ')
    .replace(/<br\s*\/?>|<\/p>/gi, '\n')
    .replace(/<[^>]*>/g, ' ')
    .replace(/&nbsp;/g, ' ')
    .replace(/&amp;/g, '&')
    .replace(/&lt;/g, '<')
    .replace(/&gt;/g, '>')
    .replace(/&quot;/g, '"')
    .replace(/&#39;|&apos;/g, "'")
    .replace(/[ \t]+/g, ' ')
    .replace(/\s*\n\s*/g, '\n')
    .trim()
}

const httpUrl = (value: unknown) => {
  const text = textOf(value).trim()
  return /^https?:\/\//i.test(text) ? text : null
}

const dateOf = (value: unknown) => {
  const text = textOf(value).trim()
  if (!text) return null
  for (const parsed of [
    DateTime.fromISO(text),
    DateTime.fromRFC2822(text),
    DateTime.fromHTTP(text),
  ])
    if (parsed.isValid) return parsed.toUTC()
  return null
}

const keyOf = (id: string | null, link: string | null, title: string) =>
  createHash('sha256')
    .update(id || link || title)
    .digest('hex')

function entry(fields: {
  id: string | null
  title: unknown
  link: string | null
  summary: unknown
  image: string | null
  published: unknown
}): FeedEntry | null {
  const title = plainText(textOf(fields.title))
  if (!fields.id && !fields.link && !title) return null
  return {
    key: keyOf(fields.id, fields.link, title),
    title,
    link: fields.link,
    summary: plainText(textOf(fields.summary)),
    image: fields.image,
    publishedAt: dateOf(fields.published),
  }
}

// `any`: feedsmith types each of the four formats apart (RSS, Atom, RDF, JSON Feed) and an
// item's media fields differ between them; every field is checked before use (httpUrl, ?.).
const imageOf = (item: any): string | null => {
  const enclosure = (item.enclosures ?? []).find((e: any) => /^image\//.test(e?.type ?? ''))
  const media = (item.media?.contents ?? []).find(
    (m: any) => m?.medium === 'image' || /^image\//.test(m?.type ?? '')
  )
  const thumbnail = item.media?.thumbnails?.[0]
  return httpUrl(enclosure?.url) ?? httpUrl(media?.url) ?? httpUrl(thumbnail?.url)
}

/**
 * RSS 2.0, Atom 1.0, RDF and JSON Feed through feedsmith (a maintained parser: no XML is read
 * by hand here). Anything it cannot read is a FeedParseError with a message for the feed's row.
 */
export function parseFeedDocument(text: string): ParsedFeed {
  let parsed: ReturnType<typeof parseFeed>
  try {
    parsed = parseFeed(text)
  } catch (error) {
    throw new FeedParseError(`Not a feed that can be read: ${(error as Error).message}`)
  }
  // `any`: one branch a format below, each reading that format's fields through httpUrl/textOf,
  // which accept anything and answer null for what is not a usable value.
  const feed = parsed.feed as any
  let entries: (FeedEntry | null)[]
  if (parsed.format === 'atom') {
    entries = (feed.entries ?? []).map((e: any) => {
      const links: any[] = e.links ?? []
      const link = links.find((l) => !l.rel || l.rel === 'alternate') ?? links[0]
      return entry({
        id: textOf(e.id) || null,
        title: e.title,
        link: httpUrl(link?.href),
        summary: e.summary ?? e.content,
        image: imageOf(e),
        published: e.published ?? e.updated,
      })
    })
  } else if (parsed.format === 'json') {
    entries = (feed.items ?? []).map((i: any) =>
      entry({
        id: i.id === undefined ? null : String(i.id),
        title: i.title,
        link: httpUrl(i.url),
        summary: i.summary ?? i.content_text ?? i.content_html,
        image: httpUrl(i.image) ?? httpUrl(i.banner_image),
        published: i.date_published ?? i.date_modified,
      })
    )
  } else {
    entries = (feed.items ?? []).map((i: any) =>
      entry({
        id: textOf(i.guid) || null,
        title: i.title,
        link: httpUrl(i.link),
        summary: i.description ?? i.content?.encoded,
        image: imageOf(i),
        published: i.pubDate ?? i.dc?.date ?? i.dc?.dates?.[0],
      })
    )
  }
  return {
    format: parsed.format,
    title: plainText(textOf(feed.title)) || null,
    entries: entries.filter((e): e is FeedEntry => e !== null),
  }
}
