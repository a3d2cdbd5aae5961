import { test } from '@japa/runner'
import SocialAccount from '#models/social_account'
import { openToken } from '#services/token_vault'
import { CHANNEL, TEAM } from '#plugins/slack/fake/server'
import { withCleanState } from '#tests/helpers/database'
import {
  collectAfterAnHour,
  connectThroughApp,
  figuresOf,
  photo,
  postPage,
  publishedDeliveries,
  scheduleFromComposer,
  uploadReady,
  withStudio,
} from './_done_when.js'

/**
 * Issue 24: Slack through the app — "Add to Slack" into the channel chosen on Slack's consent
 * screen, a message with two described photos from the composer, its reactions and replies
 * read back; disconnecting uninstalls (revokes the bot token).
 */
test.group('Done when: Slack through the app', (group) => {
  withCleanState(group)
  const studio = withStudio(group, ['slack'])

  test('installs into a channel, posts two described photos, reads reactions and replies', async ({
    client,
    assert,
  }) => {
    const fake = studio.fakes.slack
    await connectThroughApp(client, studio, 'slack')
    const account = await SocialAccount.query()
      .where('workspace_id', studio.workspace.id)
      .where('network', 'slack')
      .firstOrFail()
    assert.equal(account.externalId, `${TEAM.id}/${CHANNEL.id}`)
    assert.equal(account.handle, CHANNEL.name)
    const token = openToken(account)!.accessToken
    assert.match(token, /^xoxb-/)
    assert.isNull(openToken(account)!.expiresAt ?? null)

    const mediaIds = await uploadReady(client, studio, [
      { name: 'one.jpg', bytes: await photo(5) },
      { name: 'two.jpg', bytes: await photo(6) },
    ])
    const postId = await scheduleFromComposer(client, studio, {
      body: 'Launch day: *two* new flavours',
      targets: [{ socialAccountId: account.id }],
      media: [
        { mediaAssetId: mediaIds[0], altText: 'Salted pistachios' },
        { mediaAssetId: mediaIds[1], altText: 'Pistachio cream' },
      ],
    })
    const { status, byNetwork } = await publishedDeliveries(postId)
    assert.equal(status, 'published')
    const delivery = byNetwork.slack
    assert.lengthOf(fake.messages(), 1)
    const [message] = fake.messages()
    assert.equal(message.text, 'Launch day: *two* new flavours')
    assert.deepEqual(message.media, [
      { kind: 'image', altText: 'Salted pistachios' },
      { kind: 'image', altText: 'Pistachio cream' },
    ])
    assert.equal(
      delivery.externalUrl,
      `https://${TEAM.domain}.slack.com/archives/${CHANNEL.id}/p${delivery.externalId!.replace('.', '')}`
    )
    const page = await postPage(client, studio, postId)
    assert.equal(page.deliveries[0].status, 'published')

    fake.setMetrics(delivery.externalId!, { likes: 6, comments: 2 })
    const { latest } = await collectAfterAnHour([delivery])
    assert.deepInclude(figuresOf(latest.slack), { likes: 6, comments: 2, views: null })

    const disconnected = await client
      .delete(`/w/${studio.workspace.slug}/channels/${account.id}`)
      .loginAs(studio.owner)
      .withCsrfToken()
      .redirects(0)
    assert.equal(disconnected.status(), 302)
    assert.isFalse(fake.isTokenValid(token), 'disconnecting revokes the bot token at Slack')
  })
})
