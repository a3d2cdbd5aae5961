import { test } from '@japa/runner'
import { safeNextPath } from '#services/safe_next_path'

test.group('safeNextPath', () => {
  test('keeps paths of this application', ({ assert }) => {
    assert.equal(safeNextPath('/invitations/abc'), '/invitations/abc')
    assert.equal(safeNextPath('/w/acme/calendar?view=week'), '/w/acme/calendar?view=week')
  })

  test('refuses anything that leaves the application', ({ assert }) => {
    for (const hostile of [
      '//evil.example',
      '/\\evil.example',
      'https://evil.example',
      'javascript:alert(1)',
      'evil',
      '/\tx',
      '',
      null,
      42,
    ]) {
      assert.equal(safeNextPath(hostile), '/', String(hostile))
    }
  })
})
