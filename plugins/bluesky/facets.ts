/**
 * Rich-text facets (app.bsky.richtext.facet): Bluesky does not parse links, mentions or
 * hashtags out of the text; the client must send them as annotations whose ranges count
 * UTF-8 BYTES of the text, not JavaScript (UTF-16) indices.
 */

export interface ByteSlice {
  byteStart: number
  byteEnd: number
}

export type FacetFeature =
  | { $type: 'app.bsky.richtext.facet#link'; uri: string }
  | { $type: 'app.bsky.richtext.facet#mention'; did: string }
  | { $type: 'app.bsky.richtext.facet#tag'; tag: string }

export interface Facet {
  index: ByteSlice
  features: FacetFeature[]
}

/** Something in the text that may become a facet, before handles are resolved. */
export type Candidate =
  | { kind: 'link'; index: ByteSlice; uri: string }
  | { kind: 'mention'; index: ByteSlice; handle: string }
  | { kind: 'tag'; index: ByteSlice; tag: string }

/** Resolves a handle to a DID, or null when it does not resolve. */
export type HandleResolver = (handle: string) => Promise<string | null>

const encoder = new TextEncoder()
const graphemes = new Intl.Segmenter(undefined, { granularity: 'grapheme' })

const byteLength = (text: string) => encoder.encode(text).length

/** The byte range of text.slice(start, end), where start/end are UTF-16 indices. */
function byteSlice(text: string, start: number, end: number): ByteSlice {
  const byteStart = byteLength(text.slice(0, start))
  return { byteStart, byteEnd: byteStart + byteLength(text.slice(start, end)) }
}

// Explicit http(s) URLs only; bare domains ("example.com") stay plain text.
const LINK = /https?:\/\/[^\s<>"]+/gu
// A mention starts the text or follows whitespace or "(", and names a domain-like handle.
const MENTION = /(?<=^|[\s(])@([a-z0-9][a-z0-9.-]*[a-z0-9])/giu
// A hashtag starts the text or follows whitespace; full-width ＃ counts too.
const TAG = /(?<=^|\s)[#＃]([^\s#＃]+)/gu

const HANDLE = /^([a-z0-9]([a-z0-9-]{0,61}[a-z0-9])?\.)+[a-z]([a-z0-9-]{0,61}[a-z0-9])?$/i

/** Punctuation that ends a sentence rather than a URL ("see https://x.y/a."). */
function trimUrl(url: string) {
  let trimmed = url.replace(/[.,;:!?'"]+$/u, '')
  // Drop a closing parenthesis the URL did not open: "(see https://x.y/a)".
  while (trimmed.endsWith(')') && count(trimmed, '(') < count(trimmed, ')'))
    trimmed = trimmed.slice(0, -1)
  return trimmed
}

const count = (text: string, char: string) => text.split(char).length - 1

function validTag(tag: string) {
  if (!tag || /^\d+$/u.test(tag)) return false
  let length = 0
  for (const _ of graphemes.segment(tag)) length++
  return length <= 64 && byteLength(tag) <= 640
}

/** Links, mentions and hashtags in the text, with their UTF-8 byte ranges, in text order. */
export function detectCandidates(text: string): Candidate[] {
  const found: (Candidate & { at: number })[] = []
  const links: [number, number][] = []

  for (const match of text.matchAll(LINK)) {
    const uri = trimUrl(match[0])
    if (!URL.canParse(uri)) continue
    links.push([match.index, match.index + uri.length])
    found.push({
      kind: 'link',
      at: match.index,
      index: byteSlice(text, match.index, match.index + uri.length),
      uri,
    })
  }
  const insideLink = (at: number) => links.some(([start, end]) => at >= start && at < end)

  for (const match of text.matchAll(MENTION)) {
    const handle = match[1].replace(/\.+$/u, '')
    if (!HANDLE.test(handle) || insideLink(match.index)) continue
    found.push({
      kind: 'mention',
      at: match.index,
      index: byteSlice(text, match.index, match.index + 1 + handle.length),
      handle,
    })
  }

  for (const match of text.matchAll(TAG)) {
    const tag = match[1].replace(/\p{P}+$/u, '')
    if (!validTag(tag) || insideLink(match.index)) continue
    found.push({
      kind: 'tag',
      at: match.index,
      index: byteSlice(text, match.index, match.index + 1 + tag.length),
      tag,
    })
  }

  return found.sort((a, b) => a.at - b.at).map(({ at: _at, ...candidate }) => candidate)
}

/**
 * The facets of a post. Mentions need a DID: a handle that does not resolve stays
 * plain text, as in the Bluesky app.
 */
export async function buildFacets(text: string, resolve: HandleResolver): Promise<Facet[]> {
  const facets: Facet[] = []
  const dids = new Map<string, string | null>()
  for (const candidate of detectCandidates(text)) {
    if (candidate.kind === 'link') {
      facets.push({
        index: candidate.index,
        features: [{ $type: 'app.bsky.richtext.facet#link', uri: candidate.uri }],
      })
    } else if (candidate.kind === 'tag') {
      facets.push({
        index: candidate.index,
        features: [{ $type: 'app.bsky.richtext.facet#tag', tag: candidate.tag }],
      })
    } else {
      const handle = candidate.handle.toLowerCase()
      if (!dids.has(handle)) dids.set(handle, await resolve(handle))
      const did = dids.get(handle)
      if (did)
        facets.push({
          index: candidate.index,
          features: [{ $type: 'app.bsky.richtext.facet#mention', did }],
        })
    }
  }
  return facets
}
