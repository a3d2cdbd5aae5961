/**
 * One `Range: bytes=…` request header against a file of `size` bytes (RFC 9110 §14).
 * Video players seek with it and some networks' fetchers download media in pieces.
 * Only a single range is served; a multi-range request gets the whole file, which the
 * RFC allows. `unsatisfiable` is answered with 416 and `Content-Range: bytes *\/size`.
 */
export type ByteRange =
  { kind: 'whole' } | { kind: 'part'; start: number; end: number } | { kind: 'unsatisfiable' }

const SINGLE_RANGE = /^bytes=(\d*)-(\d*)$/

export function parseByteRange(header: string | undefined | null, size: number): ByteRange {
  if (!header) return { kind: 'whole' }
  const match = SINGLE_RANGE.exec(header.trim())
  // Other units and range lists are ignored: the whole file is a valid answer to them.
  if (!match) return { kind: 'whole' }
  const [, first, last] = match
  if (first === '' && last === '') return { kind: 'whole' }
  if (first === '') {
    // A suffix: the last N bytes.
    const length = Number(last)
    if (length === 0 || size === 0) return { kind: 'unsatisfiable' }
    return { kind: 'part', start: Math.max(0, size - length), end: size - 1 }
  }
  const start = Number(first)
  if (start >= size) return { kind: 'unsatisfiable' }
  const end = last === '' ? size - 1 : Math.min(Number(last), size - 1)
  if (end < start) return { kind: 'whole' }
  return { kind: 'part', start, end }
}
