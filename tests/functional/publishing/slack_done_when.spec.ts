import { test } from '@japa/runner'
import { openToken } from '#services/token_vault'
import { CHANNEL, TEAM } from '#plugins/slack/fake/server'
import { withCleanState } from '#tests/helpers/database'
import { connectThroughApp, photo, withStudio } from './_done_when.js'
import { connectedAccount, figuresAfterAnHour, publishFromComposer } from './_one_network.js'

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
    const account = await connectedAccount(studio, 'slack')
    assert.equal(account.externalId, `${TEAM.id}/${CHANNEL.id}`)
    assert.equal(account.handle, CHANNEL.name)
    const token = openToken(account)!.accessToken
    assert.match(token, /^xoxb-/)
    assert.isNull(openToken(account)!.expiresAt ?? null)

    const { status, delivery, page } = await publishFromComposer(client, studio, {
      account,
      body: 'Launch day: *two* new flavours',
      photos: [
        { name: 'one.jpg', bytes: await photo(5), altText: 'Salted pistachios' },
        { name: 'two.jpg', bytes: await photo(6), altText: 'Pistachio cream' },
      ],
    })
    assert.equal(status, 'published')
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
    assert.equal(page.deliveries[0].status, 'published')

    const figures = await figuresAfterAnHour(fake, delivery, { likes: 6, comments: 2 })
    assert.deepInclude(figures, { likes: 6, comments: 2, views: null })

    const disconnected = await client
      .delete(`/w/${studio.workspace.slug}/channels/${account.id}`)
      .loginAs(studio.owner)
      .withCsrfToken()
      .redirects(0)
    assert.equal(disconnected.status(), 302)
    assert.isFalse(fake.isTokenValid(token), 'disconnecting revokes the bot token at Slack')
  })
})
