import { test } from '@japa/runner'
import { COUNT_CURVE, timeBounds } from '../../../resources/components/analytics/time_axis.js'

test.group('Analytics time axis', () => {
  test('a lone reading gets an axis an hour either side, not one of zero width', ({ assert }) => {
    const at = Date.UTC(2026, 11, 7, 9)
    assert.deepEqual(timeBounds([at]), { min: at - 3_600_000, max: at + 3_600_000 })
    assert.deepEqual(timeBounds([at, at]), { min: at - 3_600_000, max: at + 3_600_000 })
  })

  test('several readings span from the first to the last', ({ assert }) => {
    assert.deepEqual(timeBounds([30, 10, 20]), { min: 10, max: 30 })
    assert.deepEqual(timeBounds([]), { min: 0, max: 0 })
  })

  test('count curves use monotone interpolation, which never dips below a reading', ({
    assert,
  }) => {
    assert.equal(COUNT_CURVE.cubicInterpolationMode, 'monotone')
  })
})
