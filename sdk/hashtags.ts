/**
 * Hashtags as networks detect them: `#` at the start or after whitespace, then letters,
 * digits or underscores (any script; a full-width ＃ counts too). Pure, shared by the
 * server and the composer.
 */
const HASHTAG = /(?:^|\s)[#＃]([\p{L}\p{N}_]*\p{L}[\p{L}\p{N}_]*)/gu

/** The hashtags of a text, without their `#`, in order (repeats kept: networks count each). */
export function hashtagsIn(text: string) {
  return [...text.matchAll(HASHTAG)].map((match) => match[1])
}

/** A group's text ("#a #b, c") → distinct tags with their `#`, as inserted into a post. */
export function normalizeHashtags(text: string) {
  const tags = text
    .split(/[\s,;]+/)
    .map((word) => word.replace(/^[#＃]+/, ''))
    .filter((word) => /^[\p{L}\p{N}_]*\p{L}[\p{L}\p{N}_]*$/u.test(word))
  return [...new Set(tags)].map((tag) => `#${tag}`)
}
