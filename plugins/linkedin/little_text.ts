/**
 * LinkedIn's "little text" format for post commentary: these characters are markup
 * (mentions `@[Name](urn)`, hashtags `{hashtag|\#|tag}`, templates), so a plain character
 * must be backslash-escaped or LinkedIn silently drops or truncates text around it.
 */
const RESERVED = /[|{}@[\]()<>#\\*_~]/g
/** A `#` followed by letters or digits is what users mean as a hashtag. */
const HASHTAG = /#([\p{L}\p{N}]+)/gu

/** Escapes one run of plain text. */
export function escapeLittleText(text: string) {
  return text.replace(RESERVED, (char) => `\\${char}`)
}

/**
 * The commentary to send for what the user wrote: every reserved character escaped, except
 * that `#word` becomes LinkedIn's hashtag markup so it stays a clickable hashtag. `@` is
 * always escaped: a mention needs the member's or organisation's URN, which plain text lacks.
 */
export function toLittleText(text: string) {
  let out = ''
  let last = 0
  for (const match of text.matchAll(HASHTAG)) {
    out += escapeLittleText(text.slice(last, match.index))
    out += `{hashtag|\\#|${match[1]}}`
    last = match.index! + match[0].length
  }
  return out + escapeLittleText(text.slice(last))
}
