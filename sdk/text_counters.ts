/**
 * Each network counts text its own way. These counters are pure functions shared by
 * the server (validation before any request) and the composer in the browser.
 */
const graphemes = new Intl.Segmenter(undefined, { granularity: 'grapheme' })
/** URLs as networks detect them in text (http and https only; trailing punctuation excluded). */
export const URL_PATTERN = /https?:\/\/[^\s<>"']+[^\s<>"'.,;:!?)\]]/giu

export type TextCounterId = 'graphemes' | 'x_weighted' | 'url_reserved' | 'utf16' | 'utf8_bytes'

export function countGraphemes(text: string) {
  let count = 0
  for (const _ of graphemes.segment(text)) count++
  return count
}

export function countUtf8Bytes(text: string) {
  return new TextEncoder().encode(text).length
}

export function countUtf16(text: string) {
  return text.length
}

/** Every URL counts as `urlWeight` characters whatever its length (X's t.co, Mastodon's reserved URL length). */
function replaceUrls(text: string, urlWeight: number, measure: (s: string) => number) {
  let total = 0
  let last = 0
  for (const match of text.matchAll(URL_PATTERN)) {
    total += measure(text.slice(last, match.index)) + urlWeight
    last = match.index! + match[0].length
  }
  return total + measure(text.slice(last))
}

/** Code points X counts as 1; everything else (CJK, emoji…) weighs 2 (twitter-text v3 ranges). */
const X_LIGHT_RANGES: [number, number][] = [
  [0x0000, 0x10ff],
  [0x2000, 0x200d],
  [0x2010, 0x201f],
  [0x2032, 0x2037],
]

function xWeightOf(segment: string) {
  // An emoji sequence (ZWJ, skin tones) is one grapheme and weighs 2 in total.
  if (/\p{Extended_Pictographic}/u.test(segment)) return 2
  let weight = 0
  for (const char of segment) {
    const cp = char.codePointAt(0)!
    weight += X_LIGHT_RANGES.some(([lo, hi]) => cp >= lo && cp <= hi) ? 1 : 2
  }
  return weight
}

function xWeightedPlain(text: string) {
  let weight = 0
  for (const { segment } of graphemes.segment(text)) weight += xWeightOf(segment)
  return weight
}

/** X: NFC-normalised, weighted, URLs = 23. */
export function countXWeighted(text: string) {
  return replaceUrls(text.normalize('NFC'), 23, xWeightedPlain)
}

/** Mastodon: characters (code points) with every URL counted as the instance's reserved length. */
export function countWithReservedUrls(text: string, urlLength = 23) {
  return replaceUrls(text, urlLength, (s) => [...s].length)
}

export interface TextCounter {
  id: TextCounterId
  /** For `url_reserved`: how many characters a URL counts as. */
  urlLength?: number
}

export function countText(text: string, counter: TextCounter) {
  switch (counter.id) {
    case 'graphemes':
      return countGraphemes(text)
    case 'x_weighted':
      return countXWeighted(text)
    case 'url_reserved':
      return countWithReservedUrls(text, counter.urlLength ?? 23)
    case 'utf16':
      return countUtf16(text)
    case 'utf8_bytes':
      return countUtf8Bytes(text)
  }
}
