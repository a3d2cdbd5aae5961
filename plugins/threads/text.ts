const graphemes = new Intl.Segmenter(undefined, { granularity: 'grapheme' })
const EMOJI = /\p{Extended_Pictographic}|\p{Regional_Indicator}/u
const encoder = new TextEncoder()

/**
 * Threads' count (threads/FLOW.md, verified in the posts doc): 500 characters, where an emoji
 * counts as its UTF-8 byte length. Here an emoji is a grapheme holding a pictographic code point
 * or a flag, counted with its modifiers and joiners (👍🏽 = 8, a family ZWJ sequence = 18–25);
 * everything else counts one per code point.
 */
export function countThreadsText(text: string) {
  let count = 0
  for (const { segment } of graphemes.segment(text))
    count += EMOJI.test(segment) ? encoder.encode(segment).length : [...segment].length
  return count
}
