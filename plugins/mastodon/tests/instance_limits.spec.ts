import { test } from '@japa/runner'
import { checkPost } from '#sdk'
import { connectThroughFake } from '#sdk/testing/connect'
import { acceptedImageFixture } from '#sdk/testing/media_fixtures'
import mastodon from '../index.js'
import { FakeMastodon } from '../fake/server.js'

test.group('Mastodon instance media limits', (group) => {
  let fake: FakeMastodon
  group.each.setup(async () => {
    fake = await FakeMastodon.start()
    return () => fake.close()
  })

  test("an instance's image and video size limits (configuration.media_attachments) apply to its accounts", async ({
    assert,
  }) => {
    fake.imageSizeLimit = 2 * 1024 * 1024
    fake.videoSizeLimit = 40 * 1024 * 1024
    const connected = await connectThroughFake(mastodon, fake)
    assert.equal(connected.status, 'ok')
    if (connected.status !== 'ok') return
    const account = connected.value[0].profile
    const caps = mastodon.capabilitiesFor!(account)
    assert.equal(caps.images?.maxBytes, 2 * 1024 * 1024)
    assert.equal(caps.video?.maxBytes, 40 * 1024 * 1024)

    const image = { ...acceptedImageFixture(['image/png'], 'A pistachio'), bytes: 3 * 1024 * 1024 }
    const issues = checkPost(mastodon, { text: 'Big', media: [image], options: {} }, account)
    assert.deepInclude(issues, { code: 'media_too_large', params: { max: 2 * 1024 * 1024 } })
    // Another instance's default (16 MB) would have let it through.
    assert.deepEqual(
      checkPost(mastodon, { text: 'Big', media: [image], options: {} }).filter(
        (issue) => issue.code === 'media_too_large'
      ),
      []
    )
  })
})
