import { test } from '@japa/runner'
import { openToken } from '#services/token_vault'
import { WEBHOOK } from '#plugins/discord/fake/server'
import { withCleanState } from '#tests/helpers/database'
import { photo, submitCredentials, withStudio } from './_done_when.js'
import { connectedAccount, figuresAfterAnHour, publishFromComposer } from './_one_network.js'

/**
 * Issue 24: Discord through the app — a channel webhook pasted in the connect form, a post with
 * a described photo from the composer, its reactions read back by the stats run.
 */
test.group('Done when: Discord through the app', (group) => {
  withCleanState(group)
  const studio = withStudio(group, ['discord'])

  test('connects a webhook, publishes a described photo, reads its reactions back', async ({
    client,
    assert,
  }) => {
    const fake = studio.fakes.discord
    const connect = (webhookUrl: string) =>
      submitCredentials(client, studio, 'discord', { webhookUrl })
    const wrong = await connect('https://example.com/not-a-webhook')
    assert.match(String(wrong.flashMessages().error), /not a Discord webhook URL/)

    const connected = await connect(fake.webhookUrl)
    assert.equal(connected.header('location'), `/w/${studio.workspace.slug}/channels`)
    const account = await connectedAccount(studio, 'discord')
    assert.equal(account.displayName, WEBHOOK.name)
    assert.equal(openToken(account)?.accessToken, `${WEBHOOK.id}/${fake.token}`)
    assert.notInclude(account.tokenCiphertext!, fake.token)

    const { status, delivery, page } = await publishFromComposer(client, studio, {
      account,
      body: 'New harvest is in 🥜',
      photos: [
        { name: 'pistachio.jpg', bytes: await photo(3), altText: 'A bowl of green pistachios' },
      ],
    })
    assert.equal(status, 'published')
    const [message] = fake.messages()
    assert.lengthOf(fake.messages(), 1)
    assert.equal(message.text, 'New harvest is in 🥜')
    assert.deepEqual(message.media, [{ kind: 'image', altText: 'A bowl of green pistachios' }])
    assert.equal(
      delivery.externalUrl,
      `https://discord.com/channels/${WEBHOOK.guild_id}/${WEBHOOK.channel_id}/${delivery.externalId}`
    )
    assert.equal(page.deliveries[0].status, 'published')
    // A failure reason or page never shows the webhook's secret.
    assert.notInclude(JSON.stringify(page), fake.token)

    const figures = await figuresAfterAnHour(fake, delivery, { likes: 5 })
    assert.deepInclude(figures, { likes: 5, views: null, comments: null })
  })
})
