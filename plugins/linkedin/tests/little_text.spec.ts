import { test } from '@japa/runner'
import { escapeLittleText, toLittleText } from '../little_text.js'
import { parseLittleText } from '../fake/little_text.js'

test.group('linkedin little text', () => {
  test('every reserved character is backslash-escaped', ({ assert }) => {
    assert.equal(
      escapeLittleText('|{}@[]()<>#\\*_~'),
      '\\|\\{\\}\\@\\[\\]\\(\\)\\<\\>\\#\\\\\\*\\_\\~'
    )
  })

  test('plain text, emoji, accents and URLs pass unchanged', ({ assert }) => {
    const text = 'Ship it 🚀 — café at https://example.com/launch?x=1&y=2.'
    assert.equal(toLittleText(text), text)
  })

  test('text that would be read as markup is escaped', ({ assert }) => {
    assert.equal(
      toLittleText('Price (was 10) <now 8> *deal* ~ me@pistache.io'),
      'Price \\(was 10\\) \\<now 8\\> \\*deal\\* \\~ me\\@pistache.io'
    )
    assert.equal(toLittleText('C:\\path_to'), 'C:\\\\path\\_to')
  })

  test('#word becomes hashtag markup; a lone # is escaped', ({ assert }) => {
    assert.equal(
      toLittleText('Launch #Pistache2026 today # 1'),
      'Launch {hashtag|\\#|Pistache2026} today \\# 1'
    )
    assert.equal(toLittleText('#café_time'), '{hashtag|\\#|café}\\_time')
  })

  test('what LinkedIn renders from our commentary is what the user wrote', ({ assert }) => {
    for (const text of [
      'a (b) [c] {d} <e> @f #g #h_i \\ | * ~',
      '#tag',
      'trailing \\',
      '@[Not](a mention)',
    ]) {
      assert.deepEqual(parseLittleText(toLittleText(text)), { text })
    }
  })

  test('unescaped markup is refused by the fake, as LinkedIn would mangle it', ({ assert }) => {
    assert.property(parseLittleText('Price (was 10)'), 'error')
  })
})
