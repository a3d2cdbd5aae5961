import { test } from '@japa/runner'
import { csvCell } from '#services/analytics/csv'

test.group('Analytics CSV cells', () => {
  test('account handles are written as they are', ({ assert }) => {
    for (const handle of ['@alice.test', '@bakery@mastodon.social', '@pâtisserie_lyon', '@a-b.c'])
      assert.equal(csvCell(handle, ','), handle)
  })

  test('anything else a spreadsheet would run as a formula is prefixed with a quote', ({
    assert,
  }) => {
    assert.equal(csvCell('=HYPERLINK("http://x")', ','), `"'=HYPERLINK(""http://x"")"`)
    assert.equal(csvCell('@SUM(A1:A9)', ','), "'@SUM(A1:A9)")
    assert.equal(csvCell("@cmd|' /C calc'!A0", ','), "'@cmd|' /C calc'!A0")
    assert.equal(csvCell('@alice test', ','), "'@alice test")
    assert.equal(csvCell('+33 6 12', ','), "'+33 6 12")
    assert.equal(csvCell('-2', ','), "'-2")
    assert.equal(csvCell(-2, ','), '-2')
    assert.equal(csvCell('Croissants', ','), 'Croissants')
  })
})
