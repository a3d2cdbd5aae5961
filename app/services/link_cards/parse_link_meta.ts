/**
 * Reads a link card's fields from the start of an HTML page: Open Graph (`og:*`), then
 * Twitter (`twitter:*`), then plain `<title>` / `<meta name="description">`.
 *
 * A small scanner rather than an HTML parser library, on purpose: only two kinds of element
 * are read (`<meta>` attributes and the `<title>` text), only in the first bytes of the page
 * (safe_fetch caps them), and nothing here is ever rendered as HTML (the pages show these
 * strings as text nodes). A full parser would add a dependency to read four strings.
 */

export interface LinkMeta {
  title: string | null
  description: string | null
  image: string | null
  siteName: string | null
}

const NAMED_ENTITIES: Record<string, string> = {
  amp: '&',
  lt: '<',
  gt: '>',
  quot: '"',
  apos: "'",
  nbsp: '\u00a0',
  hellip: '…',
  mdash: '—',
  ndash: '–',
  rsquo: '’',
  lsquo: '‘',
  rdquo: '”',
  ldquo: '“',
  eacute: 'é',
  egrave: 'è',
  agrave: 'à',
  ccedil: 'ç',
}

/** Character references decoded once (`&amp;lt;` stays `&lt;`); unknown ones are kept as written. */
export function decodeEntities(text: string) {
  return text.replace(/&(#x[0-9a-f]{1,6}|#[0-9]{1,7}|[a-z]{2,8});/gi, (whole, ref: string) => {
    if (ref[0] === '#') {
      const code =
        ref[1] === 'x' || ref[1] === 'X' ? Number.parseInt(ref.slice(2), 16) : Number(ref.slice(1))
      return code > 0 && code <= 0x10ffff && !(code >= 0xd800 && code <= 0xdfff)
        ? String.fromCodePoint(code)
        : whole
    }
    return NAMED_ENTITIES[ref.toLowerCase()] ?? whole
  })
}

/**
 * Attributes of one tag's inside: `name="v"`, `name='v'` or `name=v`, names lower-cased. A
 * match starts only where a name starts (the lookbehind), so a long word is not retried at
 * each of its letters.
 */
function attributes(inside: string) {
  const found = new Map<string, string>()
  const pattern = /(?<![\w:-])([a-z:_-]+)\s*=\s*(?:"([^"]*)"|'([^']*)'|([^\s"'>]+))/gi
  for (const match of inside.matchAll(pattern)) {
    const name = match[1].toLowerCase()
    if (!found.has(name)) found.set(name, match[2] ?? match[3] ?? match[4] ?? '')
  }
  return found
}

/** Whitespace collapsed, control characters dropped, cut to `max` characters. */
function clean(value: string | undefined, max: number) {
  if (value === undefined) return null
  const text = decodeEntities(value)
    .replace(/\p{Cc}+/gu, ' ')
    .replace(/\s+/g, ' ')
    .trim()
  if (!text) return null
  return text.length > max ? `${text.slice(0, max - 1).trimEnd()}…` : text
}

/** A real meta tag is short; a longer one is skipped, so reading its attributes stays cheap. */
const MAX_TAG_CHARS = 8192

/** The index of the `>` closing a tag opened before `from`, quoted values kept whole, or -1. */
function tagEnd(html: string, from: number) {
  let quote: string | null = null
  for (let index = from; index < html.length; index++) {
    const char = html[index]
    if (quote) {
      if (char === quote) quote = null
    } else if (char === '"' || char === "'") quote = char
    else if (char === '>') return index
  }
  return -1
}

/** Where the first `</name>` at or after `from` ends, or -1. */
function closingEnd(html: string, name: string, from: number) {
  const pattern = new RegExp(`</${name}\\s*>`, 'gi')
  pattern.lastIndex = from
  const found = pattern.exec(html)
  return found ? found.index + found[0].length : -1
}

/**
 * The page's meta tags (attributes) and its first title, in one left-to-right pass that
 * never goes back: comments, scripts and styles are skipped whole (a tag written inside them
 * is not the page's own), quoted values are kept whole (a `>` in a description ends nothing).
 * A hand-written scan rather than one big expression: its cost stays linear on any input.
 */
function scan(html: string) {
  const metas: string[] = []
  let title: string | undefined
  const at = (pattern: RegExp, index: number) => {
    pattern.lastIndex = index
    return pattern.exec(html)
  }
  let index = html.indexOf('<')
  while (index !== -1) {
    let next = index + 1
    const opening = at(/<(!--|script\b|style\b|meta\b|title\b)/iy, index)
    const kind = opening?.[1].toLowerCase()
    if (kind === '!--') {
      const close = html.indexOf('-->', index + 4)
      if (close === -1) break
      next = close + 3
    } else if (kind === 'script' || kind === 'style') {
      next = closingEnd(html, kind, index)
      if (next === -1) break
    } else if (kind === 'meta' || kind === 'title') {
      const end = tagEnd(html, index + 1 + kind.length)
      if (end === -1) break
      next = end + 1
      if (kind === 'meta' && end - index <= MAX_TAG_CHARS) metas.push(html.slice(index + 5, end))
      if (kind === 'title') {
        const close = closingEnd(html, 'title', next)
        if (close === -1) break
        title ??= html.slice(next, html.lastIndexOf('<', close - 1))
        next = close
      }
    }
    index = html.indexOf('<', next)
  }
  return { metas, title }
}

export function parseLinkMeta(html: string): LinkMeta {
  const { metas, title } = scan(html)
  const meta = new Map<string, string>()
  for (const inside of metas) {
    const attrs = attributes(inside)
    const key = (attrs.get('property') ?? attrs.get('name'))?.toLowerCase()
    const content = attrs.get('content')
    // The first one wins, as the networks' own scrapers do.
    if (key && content !== undefined && !meta.has(key)) meta.set(key, content)
  }
  const first = (...keys: string[]) => keys.map((key) => meta.get(key)).find((v) => v?.trim())
  return {
    title: clean(first('og:title', 'twitter:title') ?? title, 200),
    description: clean(first('og:description', 'twitter:description', 'description'), 300),
    image: clean(
      first('og:image:secure_url', 'og:image', 'twitter:image', 'twitter:image:src'),
      2048
    ),
    siteName: clean(first('og:site_name'), 100),
  }
}
