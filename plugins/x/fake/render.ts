import { URL_PATTERN } from '#sdk'
import { createHash } from 'node:crypto'

export interface RenderablePost {
  id: string
  text: string
  media: { key: string }[]
}

interface UrlEntity {
  start: number
  end: number
  url: string
  expanded_url: string
  display_url: string
  media_key?: string
}

const tco = (seed: string) =>
  `https://t.co/${createHash('sha256').update(seed).digest('base64url').slice(0, 10)}`
const escapeX = (text: string) =>
  text.replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;')
const codePoints = (text: string) => [...text].length

/**
 * The post's `text` as X's API returns it: NFC, trimmed, `& < >` escaped, every URL
 * replaced by a t.co link, and one more t.co link appended for attached media;
 * `entities.urls` maps each link back (indices in code points, as X counts them).
 */
export function renderText(post: RenderablePost) {
  const urls: UrlEntity[] = []
  let text = ''
  let last = 0
  const source = post.text.normalize('NFC').trim()
  for (const match of source.matchAll(URL_PATTERN)) {
    text += escapeX(source.slice(last, match.index))
    const link = tco(`${post.id}:${match.index}`)
    const display = match[0].replace(/^https?:\/\//, '')
    urls.push({
      start: codePoints(text),
      end: codePoints(text) + codePoints(link),
      url: link,
      expanded_url: match[0],
      display_url: display.length > 26 ? `${display.slice(0, 25)}…` : display,
    })
    text += link
    last = match.index! + match[0].length
  }
  text += escapeX(source.slice(last))
  if (post.media.length) {
    const link = tco(`${post.id}:media`)
    text += `${text ? ' ' : ''}`
    for (const media of post.media) {
      urls.push({
        start: codePoints(text),
        end: codePoints(text) + codePoints(link),
        url: link,
        expanded_url: `https://x.com/pistache/status/${post.id}/photo/1`,
        display_url: `pic.x.com/${link.slice(13)}`,
        media_key: media.key,
      })
    }
    text += link
  }
  return { text, entities: urls.length ? { urls } : undefined }
}
