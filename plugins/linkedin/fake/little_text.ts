/**
 * Reads little text the way LinkedIn renders it, independently of the plugin's writer:
 * `\x` is a literal x, `{hashtag|\#|tag}` is "#tag", `@[Name](urn:li:…)` is "Name". Any other
 * unescaped reserved character is refused — LinkedIn would silently drop text around it,
 * and a fake that accepted it would hide the bug.
 */
const RESERVED = new Set('|{}@[]()<>#\\*_~')

export function parseLittleText(input: string): { text: string } | { error: string } {
  let text = ''
  for (let i = 0; i < input.length;) {
    const char = input[i]
    if (char === '\\') {
      if (i + 1 >= input.length) return { error: 'dangling backslash at the end of commentary' }
      text += input[i + 1]
      i += 2
      continue
    }
    const rest = input.slice(i)
    const hashtag = /^\{hashtag\|\\#\|([^{}|]+)\}/u.exec(rest)
    if (hashtag) {
      text += `#${hashtag[1]}`
      i += hashtag[0].length
      continue
    }
    const mention = /^@\[([^\]]+)\]\((urn:li:(?:person|organization):[\w-]+)\)/.exec(rest)
    if (mention) {
      text += mention[1]
      i += mention[0].length
      continue
    }
    if (RESERVED.has(char)) return { error: `unescaped reserved character "${char}" at ${i}` }
    text += char
    i++
  }
  return { text }
}
