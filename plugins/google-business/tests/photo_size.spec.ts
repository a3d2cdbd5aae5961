import { randomUUID } from 'node:crypto'
import { test } from '@japa/runner'
import { validateAgainstCapabilities } from '#sdk'
import { connectThroughFake, contextFor } from '#sdk/testing/connect'
import { acceptedImageFixture } from '#sdk/testing/media_fixtures'
import { MediaHost } from '#sdk/testing/media_host'
import googleBusiness from '../index.js'
import { FakeGoogleBusiness } from '../fake/server.js'

/** Google's photo guidelines: 10 KB to 5 MB (fake/spec/SOURCE.md). */
const FLOOR = 10 * 1024
const FORMATS = ['image/jpeg', 'image/png']

test.group('google-business: photos of at least 10 KB', () => {
  test('the plugin refuses a smaller photo before any request; one of 10 KB passes', ({
    assert,
  }) => {
    const post = (minBytes: number) => ({
      text: 'Fresh bread',
      media: [acceptedImageFixture(FORMATS, null, minBytes)],
      options: {},
    })
    assert.deepInclude(validateAgainstCapabilities(googleBusiness.capabilities, post(0)), {
      code: 'media_too_small',
      params: { min: FLOOR },
    })
    assert.deepEqual(validateAgainstCapabilities(googleBusiness.capabilities, post(FLOOR)), [])
  })

  test('the fake refuses a photo under 10 KB as Google does, and takes one of 10 KB', async ({
    assert,
    cleanup,
  }) => {
    const fake = await FakeGoogleBusiness.start()
    const host = await new MediaHost().start()
    cleanup(async () => {
      await fake.close()
      await host.close()
    })
    const connected = await connectThroughFake(googleBusiness, fake)
    if (connected.status !== 'ok') return assert.fail(JSON.stringify(connected))
    const [connection] = connected.value
    const publish = async (minBytes: number) =>
      googleBusiness.publish({
        ...contextFor(fake),
        account: connection.profile,
        token: connection.token,
        idempotencyKey: randomUUID(),
        post: {
          text: `Fresh bread ${randomUUID().slice(0, 8)}`,
          media: [await host.publish(acceptedImageFixture(FORMATS, null, minBytes))],
          options: {},
        },
      })
    const tiny = await publish(0)
    assert.equal(tiny.status, 'error')
    if (tiny.status === 'error') assert.match(tiny.reason, /too small/)
    assert.equal((await publish(FLOOR)).status, 'ok')
  })
})
