import { test } from '@japa/runner'
import {
  countGraphemes,
  countText,
  countWithReservedUrls,
  countXWeighted,
  countUtf8Bytes,
} from '#sdk/text_counters'

test.group('SDK text counters', () => {
  test('graphemes count an emoji family or a flag as one', ({ assert }) => {
    assert.equal(countGraphemes('👨‍👩‍👧‍👦'), 1)
    assert.equal(countGraphemes('🇫🇷 ok'), 4)
    // e followed by a combining acute accent: one grapheme, three UTF-8 bytes
    assert.equal(countGraphemes('e\u0301'), 1)
    assert.equal(countUtf8Bytes('e\u0301'), 3)
  })

  test('X weighs CJK and emoji 2, any URL 23', ({ assert }) => {
    assert.equal(countXWeighted('hello'), 5)
    assert.equal(countXWeighted('日本'), 4)
    assert.equal(countXWeighted('hi 👋🏽'), 5)
    assert.equal(countXWeighted('see https://example.com/a/very/long/path?with=query'), 4 + 23)
    assert.equal(countXWeighted('a https://x.co.'), 2 + 23 + 1)
  })

  test('Mastodon counts URLs as the reserved length', ({ assert }) => {
    assert.equal(countWithReservedUrls('go https://example.org/' + 'x'.repeat(100)), 3 + 23)
    assert.equal(countText('go http://a.b', { id: 'url_reserved', urlLength: 10 }), 3 + 10)
  })
})
