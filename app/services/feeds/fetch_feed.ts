import { SafeFetchError, safeFetchText } from '#services/safe_fetch'
import { feedSettings } from '#services/feeds/settings'
import { FeedParseError, parseFeedDocument, type ParsedFeed } from '#services/feeds/parse_feed'

export type FeedFetch =
  | { status: 'not_modified' }
  | { status: 'ok'; feed: ParsedFeed; etag: string | null; lastModified: string | null }
  | { status: 'error'; code: string; message: string }

/**
 * Only feed, XML and JSON content types. A web page (`text/html`) is the usual mistake — the
 * site's address pasted instead of its feed's — and gets its own error code, so the feed's row
 * can say what to do; plain text or no type at all is not a feed either.
 */
const FEED_TYPES =
  /^(application\/(x-)?(rss\+xml|atom\+xml|rdf\+xml)|application\/(feed\+json|json|xml)|text\/xml)$/
const WEB_PAGE_TYPES = new Set(['text/html', 'application/xhtml+xml'])

/**
 * A feed through the SSRF-safe fetcher (public addresses only, pinned, every redirect checked,
 * size and time bounded, conditional GET), then parsed. Failures are values with a stable
 * code, shown on the feed's row.
 */
export async function fetchFeed(
  url: string,
  validators: { etag: string | null; lastModified: string | null }
): Promise<FeedFetch> {
  let refusedType = ''
  try {
    const fetched = await safeFetchText(url, {
      maxBytes: feedSettings.maxBytes,
      timeoutMs: feedSettings.timeoutMs,
      maxRedirects: feedSettings.maxRedirects,
      acceptContentTypes: (type) => {
        refusedType = type
        return FEED_TYPES.test(type)
      },
      accept:
        'application/rss+xml, application/atom+xml, application/feed+json, application/xml;q=0.9, */*;q=0.5',
      userAgent: 'PistachePostiz-Feeds/1.0',
      etag: validators.etag,
      lastModified: validators.lastModified,
    })
    if (fetched.status === 'not_modified') return fetched
    return {
      status: 'ok',
      feed: parseFeedDocument(fetched.text),
      etag: fetched.etag,
      lastModified: fetched.lastModified,
    }
  } catch (error) {
    if (error instanceof SafeFetchError && error.code === 'bad_content_type')
      return WEB_PAGE_TYPES.has(refusedType)
        ? {
            status: 'error',
            code: 'web_page',
            message: `The address answered with a web page (${refusedType}), not a feed`,
          }
        : { status: 'error', code: error.code, message: error.message }
    if (error instanceof SafeFetchError)
      return { status: 'error', code: error.code, message: error.message }
    if (error instanceof FeedParseError)
      return { status: 'error', code: 'not_a_feed', message: error.message }
    throw error
  }
}
