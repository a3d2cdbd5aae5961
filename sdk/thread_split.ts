/**
 * "Split into a thread": a long text cut into parts that each fit a network's limit, at
 * sentence ends (Intl.Segmenter), else at spaces, else inside a word as a last resort. Pure,
 * used by the composer; `fits` is the network's own counter against its limit, so an X
 * split counts weighted characters and URLs as 23, a Bluesky split graphemes and bytes.
 */
const sentences = new Intl.Segmenter(undefined, { granularity: 'sentence' })

/** Pieces no longer than the limit: sentences, and words of a sentence too long on its own. */
function pieces(text: string, fits: (text: string) => boolean) {
  const out: string[] = []
  for (const { segment } of sentences.segment(text)) {
    if (fits(segment.trim())) {
      out.push(segment)
      continue
    }
    for (const word of segment.split(/(?<=\s)/)) {
      if (fits(word.trim())) {
        out.push(word)
        continue
      }
      // A single word longer than the limit (a very long URL): cut it by characters.
      let rest = [...word]
      while (rest.length) {
        let size = rest.length
        while (size > 1 && !fits(rest.slice(0, size).join(''))) size--
        out.push(rest.slice(0, size).join(''))
        rest = rest.slice(size)
      }
    }
  }
  return out
}

/**
 * The text as consecutive parts, each fitting, greedily filled with whole sentences. Blank
 * lines inside a part are kept; whitespace at a cut is dropped. An empty text gives [].
 */
export function splitIntoThread(text: string, fits: (text: string) => boolean): string[] {
  const parts: string[] = []
  let current = ''
  for (const piece of pieces(text.trim(), fits)) {
    const candidate = current + piece
    if (!current || fits(candidate.trim())) current = candidate
    else {
      parts.push(current.trim())
      current = piece
    }
  }
  if (current.trim()) parts.push(current.trim())
  return parts
}
