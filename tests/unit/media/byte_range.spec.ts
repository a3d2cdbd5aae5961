import { test } from '@japa/runner'
import { parseByteRange } from '#services/media/byte_range'

test.group('Media byte ranges', () => {
  test('no header, other units, lists and malformed values mean the whole file', ({ assert }) => {
    for (const header of [
      undefined,
      '',
      'items=0-1',
      'bytes=0-1,4-5',
      'bytes=abc',
      'bytes=-',
      'bytes=9-3',
    ]) {
      assert.deepEqual(parseByteRange(header, 100), { kind: 'whole' }, String(header))
    }
  })

  test('a closed range, an open range and a suffix', ({ assert }) => {
    assert.deepEqual(parseByteRange('bytes=0-9', 100), { kind: 'part', start: 0, end: 9 })
    assert.deepEqual(parseByteRange('bytes=90-', 100), { kind: 'part', start: 90, end: 99 })
    assert.deepEqual(parseByteRange('bytes=-10', 100), { kind: 'part', start: 90, end: 99 })
  })

  test('an end past the file is clipped; a suffix longer than the file is the whole file as a part', ({
    assert,
  }) => {
    assert.deepEqual(parseByteRange('bytes=50-1000', 100), { kind: 'part', start: 50, end: 99 })
    assert.deepEqual(parseByteRange('bytes=-1000', 100), { kind: 'part', start: 0, end: 99 })
  })

  test('a start at or past the end, or an empty suffix, cannot be satisfied', ({ assert }) => {
    assert.deepEqual(parseByteRange('bytes=100-', 100), { kind: 'unsatisfiable' })
    assert.deepEqual(parseByteRange('bytes=-0', 100), { kind: 'unsatisfiable' })
    assert.deepEqual(parseByteRange('bytes=0-0', 0), { kind: 'unsatisfiable' })
  })
})
