import { test } from '@japa/runner'
import { splitIntoThread } from '#sdk/thread_split'
import { expandVariables, unknownVariables } from '#sdk/text_variables'
import { hashtagsIn, normalizeHashtags } from '#sdk/hashtags'
import { countText } from '#sdk/text_counters'

const underX = (limit: number) => (text: string) => countText(text, { id: 'x_weighted' }) <= limit

test.group('Library text tools', () => {
  test('a long text splits at sentence ends, each part within the network’s count', ({
    assert,
  }) => {
    const text =
      'Our pistachio croissants are back. They come out of the oven at eight. ' +
      'Come early, they sell out by nine! Bring a friend? We open on Sundays too.'
    const parts = splitIntoThread(text, underX(80))
    assert.deepEqual(parts, [
      'Our pistachio croissants are back. They come out of the oven at eight.',
      'Come early, they sell out by nine! Bring a friend? We open on Sundays too.',
    ])
    assert.equal(parts.join(' '), text)
  })

  test('X counts an emoji as 2 and a URL as 23 when splitting; an overlong sentence is cut at spaces', ({
    assert,
  }) => {
    const fits = underX(40)
    const parts = splitIntoThread(
      '🥐🥐🥐🥐🥐🥐🥐🥐🥐🥐 done. See https://bakery.example/a/very/long/path/to/the/menu now.',
      fits
    )
    for (const part of parts) assert.isTrue(fits(part), part)
    // 26 + 32 weighted: two parts, although the second has 57 characters.
    assert.deepEqual(parts, [
      '🥐🥐🥐🥐🥐🥐🥐🥐🥐🥐 done.',
      'See https://bakery.example/a/very/long/path/to/the/menu now.',
    ])
    const words = splitIntoThread('word '.repeat(20), (t) => t.length <= 12)
    assert.isTrue(words.every((part) => part.length <= 12))
    assert.equal(words.join(' ').split(' ').length, 20)
    assert.deepEqual(splitIntoThread('   ', fits), [])
  })

  test('variables fill in one pass; unknown ones stay as written and are listed', ({ assert }) => {
    const values = { client: 'Bakery', link: '{{client}}', date: null }
    assert.equal(
      expandVariables('{{client}} {{ link }} {{date}} {{Client}} {{nope}}', values),
      'Bakery {{client}} {{date}} {{Client}} {{nope}}'
    )
    assert.deepEqual(unknownVariables('{{date}} {{nope}} {{nope}} {{client}}', values), [
      'date',
      'nope',
    ])
  })

  test('hashtags are counted as networks see them; a group is normalised', ({ assert }) => {
    assert.deepEqual(hashtagsIn('#one two#three #4 #cinq_5 ＃six #été'), [
      'one',
      'cinq_5',
      'six',
      'été',
    ])
    assert.deepEqual(normalizeHashtags('#a, b ; #a ##c 12 #'), ['#a', '#b', '#c'])
  })
})
