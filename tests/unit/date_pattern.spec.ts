import { test } from '@japa/runner'
import {
  datePatternOf,
  formatPatternDate,
  parsePatternDate,
} from '#services/workspaces/date_pattern'
import { clockConventions } from '#services/workspaces/clock_conventions'

test.group('Dates typed the workspace way', () => {
  test('each region writes its numeric date its own way', ({ assert }) => {
    assert.equal(datePatternOf('en-FR'), 'dd/MM/yyyy')
    assert.equal(datePatternOf('en-US'), 'MM/dd/yyyy')
    assert.equal(datePatternOf('de-DE'), 'dd.MM.yyyy')
    assert.equal(datePatternOf('en-CA'), 'yyyy-MM-dd')
    // Words or a trailing mark between the numbers: ISO rather than a pattern nobody types.
    assert.equal(datePatternOf('ko-KR'), 'yyyy-MM-dd')
  })

  test('the workspace region decides, not the reader language alone', ({ assert }) => {
    const paris = { timezone: 'Europe/Paris', weekStart: null, hourCycle: null }
    const newYork = { timezone: 'America/New_York', weekStart: null, hourCycle: null }
    assert.equal(clockConventions(paris, 'en').datePattern, 'dd/MM/yyyy')
    assert.equal(clockConventions(newYork, 'en').datePattern, 'MM/dd/yyyy')
    assert.equal(clockConventions(newYork, 'fr').datePattern, 'dd/MM/yyyy')
  })

  test('writes and reads back a day with each pattern', ({ assert }) => {
    assert.equal(formatPatternDate('2026-12-07', 'dd/MM/yyyy'), '07/12/2026')
    assert.equal(formatPatternDate('2026-12-07', 'MM/dd/yyyy'), '12/07/2026')
    assert.equal(formatPatternDate('2026-12-07', 'dd.MM.yyyy'), '07.12.2026')
    assert.equal(formatPatternDate('', 'dd/MM/yyyy'), '')
    assert.equal(parsePatternDate('7/12/2026', 'dd/MM/yyyy'), '2026-12-07')
    assert.equal(parsePatternDate('7/12/2026', 'MM/dd/yyyy'), '2026-07-12')
    assert.equal(parsePatternDate('07.12.26', 'dd.MM.yyyy'), '2026-12-07')
    assert.equal(parsePatternDate(' 7 12 2026 ', 'dd/MM/yyyy'), '2026-12-07')
    // ISO (a pasted date) is read whatever the pattern.
    assert.equal(parsePatternDate('2026-12-07', 'MM/dd/yyyy'), '2026-12-07')
  })

  test('refuses what is not a day of the calendar', ({ assert }) => {
    for (const text of ['31/02/2026', '12/31/2026', '2026-13-01', '', 'tomorrow', '7/12']) {
      assert.isNull(parsePatternDate(text, 'dd/MM/yyyy'), text)
    }
    assert.equal(parsePatternDate('29/02/2028', 'dd/MM/yyyy'), '2028-02-29')
    assert.isNull(parsePatternDate('29/02/2027', 'dd/MM/yyyy'))
  })
})
