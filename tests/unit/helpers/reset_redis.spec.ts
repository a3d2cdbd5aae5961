import { test } from '@japa/runner'
import redis from '@adonisjs/redis/services/main'
import { loginPerIp } from '#start/limiter'
import { appRedisKey } from '#services/redis_keys'
import { ForeignRedisKeysError, resetRedis } from '#tests/helpers/redis'

/** A key another process (another install, another test run) keeps in the same database. */
const FOREIGN_KEY = 'someone-else:bull:publish:42'

test.group('Test helpers / resetRedis', (group) => {
  group.each.setup(async () => {
    await redis.del(FOREIGN_KEY)
    await resetRedis()
    return async () => {
      await redis.del(FOREIGN_KEY)
    }
  })

  test('empties a database that holds only keys of this run', async ({ assert }) => {
    await redis.set(appRedisKey('publishing:slot:x'), '1')
    await redis.zadd(appRedisKey('workers'), Date.now(), 'w1')
    await resetRedis()
    assert.equal(await redis.dbsize(), 0)
  })

  test('refuses to flush a database that holds a key of another prefix, and deletes nothing', async ({
    assert,
  }) => {
    await redis.set(appRedisKey('csv-import:1:1:abc'), 'ours')
    await redis.set(FOREIGN_KEY, 'theirs')

    const error = await resetRedis().catch((caught) => caught)
    assert.instanceOf(error, ForeignRedisKeysError)
    assert.include(error.message, FOREIGN_KEY)
    assert.include(error.message, 'Refusing to empty Redis database')
    assert.equal(await redis.get(FOREIGN_KEY), 'theirs')
    assert.equal(await redis.get(appRedisKey('csv-import:1:1:abc')), 'ours')
  })

  test("a key that only starts like this run's prefix is still another prefix", async ({
    assert,
  }) => {
    const lookalike = `${appRedisKey('x').split(':')[0]}-other:workers`
    await redis.set(lookalike, '1')
    try {
      await assert.rejects(() => resetRedis(), ForeignRedisKeysError)
      assert.equal(await redis.get(lookalike), '1')
    } finally {
      await redis.del(lookalike)
    }
  })

  test("the app's rate-limit counters live under the run's prefix, so a flush may take them", async ({
    assert,
  }) => {
    await loginPerIp.consume('ip_127.0.0.9')
    const keys = await redis.keys('*')
    assert.isNotEmpty(keys)
    for (const key of keys) assert.isTrue(key.startsWith(appRedisKey('')), key)
    await resetRedis()
    assert.equal(await redis.dbsize(), 0)
  })
})
