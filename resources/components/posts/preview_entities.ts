// Relative, not the @sdk alias: unit tests run this module under Node too.
import { URL_PATTERN } from '../../../sdk/text_counters.js'

export type SegmentKind = 'text' | 'link' | 'mention' | 'tag'
export interface Segment {
  kind: SegmentKind
  text: string
  /** What the network links a mention to, when the text says less (Mastodon's local `@user`). */
  title?: string
}

interface Rules {
  mention: RegExp | null
  tag: RegExp | null
  /** Bluesky and X drop a hashtag made of digits only; Mastodon needs a letter too. */
  tagNeedsLetter: boolean
}

// Each network's own parsing, as its app shows the post (the plugins send the same text):
// - Bluesky: the client sends facets (plugins/bluesky/facets.ts): domain-like handles after a
//   space or "(", tags after a space, up to 64 characters, trailing punctuation excluded.
// - X: entities parsed by twitter-text: @ and 1–15 letters, digits or _; # and word characters.
// - Mastodon: @user (on the account's own instance) or @user@instance; # and word characters.
const LEAD = '(?<=^|[\\s(])'
const RULES: Record<string, Rules> = {
  bluesky: {
    mention: new RegExp(
      `${LEAD}@(?:[a-z0-9](?:[a-z0-9-]{0,61}[a-z0-9])?\\.)+[a-z][a-z0-9-]*[a-z0-9]`,
      'giu'
    ),
    tag: /(?<=^|\s)[#＃][^\s#＃]{1,64}/gu,
    tagNeedsLetter: false,
  },
  x: {
    mention: new RegExp(`${LEAD}@[a-z0-9_]{1,15}(?![a-z0-9_@])`, 'giu'),
    tag: /(?<=^|[^\p{L}\p{N}_&])[#＃][\p{L}\p{N}_]+/gu,
    tagNeedsLetter: true,
  },
  mastodon: {
    mention: new RegExp(
      `${LEAD}@[a-z0-9_]+(?:[a-z0-9_.-]+[a-z0-9_])?(?:@[a-z0-9.-]+\\.[a-z]{2,})?`,
      'giu'
    ),
    tag: /(?<=^|[^\p{L}\p{N}_/)])#[\p{L}\p{N}_]*[\p{L}_][\p{L}\p{N}_]*/gu,
    tagNeedsLetter: true,
  },
}

const trailing = /[\p{P}]+$/u

/**
 * The text cut into what the network will show as plain text, links, mentions and hashtags.
 * Networks not listed here only link URLs. `instance` is the account's Mastodon server, to
 * say where a local `@user` points.
 */
export function previewSegments(text: string, network: string, instance?: string): Segment[] {
  const rules = RULES[network]
  const found: { start: number; end: number; kind: SegmentKind; title?: string }[] = []
  const taken = (start: number, end: number) => found.some((f) => start < f.end && end > f.start)
  const add = (start: number, end: number, kind: SegmentKind, title?: string) => {
    if (end > start && !taken(start, end)) found.push({ start, end, kind, title })
  }

  for (const match of text.matchAll(new RegExp(URL_PATTERN.source, URL_PATTERN.flags)))
    add(match.index, match.index + match[0].length, 'link')
  if (rules?.mention)
    for (const match of text.matchAll(rules.mention)) {
      const mention = match[0].replace(/[.-]+$/u, '')
      const local = network === 'mastodon' && instance && !mention.slice(1).includes('@')
      add(
        match.index,
        match.index + mention.length,
        'mention',
        local ? `${mention}@${instance}` : undefined
      )
    }
  if (rules?.tag)
    for (const match of text.matchAll(rules.tag)) {
      const tag = network === 'bluesky' ? match[0].replace(trailing, '') : match[0]
      const body = tag.slice(1)
      if (!body || /^\d+$/u.test(body) || (rules.tagNeedsLetter && !/[\p{L}_]/u.test(body)))
        continue
      add(match.index, match.index + tag.length, 'tag')
    }

  found.sort((a, b) => a.start - b.start)
  const segments: Segment[] = []
  let last = 0
  for (const entity of found) {
    if (entity.start > last) segments.push({ kind: 'text', text: text.slice(last, entity.start) })
    segments.push({
      kind: entity.kind,
      text: text.slice(entity.start, entity.end),
      ...(entity.title ? { title: entity.title } : {}),
    })
    last = entity.end
  }
  if (last < text.length) segments.push({ kind: 'text', text: text.slice(last) })
  return segments
}
