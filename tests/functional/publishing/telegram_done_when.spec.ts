import { test } from '@japa/runner'
import app from '@adonisjs/core/services/app'
import db from '@adonisjs/lucid/services/db'
import type { PluginsConfig } from '#config/plugins'
import Delivery from '#models/delivery'
import DeliveryMetricSnapshot from '#models/delivery_metric_snapshot'
import SocialAccount from '#models/social_account'
import { openToken } from '#services/token_vault'
import { CHANNEL } from '#plugins/telegram/fake/server'
import { withCleanState } from '#tests/helpers/database'
import {
  collectAfterAnHour,
  connectFields,
  photo,
  publishedDeliveries,
  scheduleFromComposer,
  submitCredentials,
  withStudio,
} from './_done_when.js'
import { connectedAccount, publishFromComposer } from './_one_network.js'

/**
 * Issue 24: Telegram, a network without statistics, lookup or expiring tokens, through the app —
 * the connect form it describes, its own refusal messages, an album from the composer, and no
 * stats collection; an unanswered send is "outcome unknown" with the reason said.
 */
test.group('Done when: Telegram through the app', (group) => {
  withCleanState(group)
  const studio = withStudio(group, ['telegram'])

  test("the connect form shows the plugin's fields: its labels in both languages, help, the token masked", async ({
    client,
    assert,
  }) => {
    const { page, fields } = await connectFields(client, studio, 'telegram')
    assert.equal(page.status(), 200)
    const [token, chat] = fields
    assert.deepInclude(token, { name: 'botToken', type: 'password', secret: true })
    assert.deepEqual(token.label, { en: 'Bot token', fr: 'Jeton du bot' })
    assert.match(token.help.en, /@BotFather/)
    assert.match(token.help.fr, /@BotFather/)
    assert.deepInclude(chat, {
      name: 'chat',
      type: 'text',
      secret: false,
      placeholder: '@pistache_news',
    })
  })

  test("a refused connection says the plugin's own words", async ({ client, assert }) => {
    const fake = studio.fakes.telegram
    fake.canPostMessages = false
    const refused = await submitCredentials(client, studio, 'telegram', fake.credentials)
    assert.equal(refused.status(), 302)
    assert.match(
      String(refused.flashMessages().error),
      /make it an administrator with “Post messages”/
    )
    const wrongToken = await submitCredentials(client, studio, 'telegram', {
      ...fake.credentials,
      botToken: `${fake.botToken}x`,
    })
    assert.match(String(wrongToken.flashMessages().error), /Telegram refused this bot token/)
    assert.lengthOf(await SocialAccount.query().where('network', 'telegram'), 0)
  })

  test('connects a channel, publishes an album from the composer, and collects no statistics', async ({
    client,
    assert,
  }) => {
    const fake = studio.fakes.telegram
    const connected = await submitCredentials(client, studio, 'telegram', fake.credentials)
    assert.equal(connected.status(), 302)
    assert.equal(connected.header('location'), `/w/${studio.workspace.slug}/channels`)
    const account = await connectedAccount(studio, 'telegram')
    assert.equal(account.externalId, String(CHANNEL.id))
    assert.equal(account.handle, '@pistache_news')
    assert.equal(openToken(account)?.accessToken, fake.botToken)
    assert.notInclude(account.tokenCiphertext!, fake.botToken)

    const { status, delivery, page } = await publishFromComposer(client, studio, {
      account,
      body: 'Fresh pistachios, two ways',
      photos: [
        { name: 'one.jpg', bytes: await photo(1) },
        { name: 'two.jpg', bytes: await photo(2) },
      ],
    })
    assert.equal(status, 'published')
    assert.equal(delivery.status, 'published')
    const [sent] = fake.posts()
    assert.lengthOf(fake.posts(), 1)
    assert.equal(sent.text, 'Fresh pistachios, two ways')
    assert.deepEqual(
      sent.media.map((item) => item.kind),
      ['image', 'image']
    )
    assert.equal(delivery.externalUrl, `https://t.me/pistache_news/${delivery.externalId}`)
    assert.equal(page.deliveries[0].externalUrl, delivery.externalUrl)

    // stats: false — no collection is scheduled, no empty rows are written.
    const { report } = await collectAfterAnHour([delivery])
    assert.lengthOf(await DeliveryMetricSnapshot.query().where('delivery_id', delivery.id), 0)
    const row = await db.from('deliveries').where('id', delivery.id).firstOrFail()
    assert.isNull(row.metrics_collected_at)
    assert.notInclude(JSON.stringify(report), '"telegram"')
  })

  test('an unanswered send is "outcome unknown" at once, saying Telegram cannot be asked', async ({
    client,
    assert,
  }) => {
    const fake = studio.fakes.telegram
    await submitCredentials(client, studio, 'telegram', fake.credentials)
    const account = await SocialAccount.query().where('network', 'telegram').firstOrFail()
    app.config.get<PluginsConfig>('plugins').timeoutMs = 400
    fake.server.failNext(fake.publishPath, { kind: 'lose_response' })
    const postId = await scheduleFromComposer(client, studio, {
      body: 'Did this go out?',
      targets: [{ socialAccountId: account.id }],
    })
    const delivery = await publishedDeliveries(postId)
      .then(({ byNetwork }) => byNetwork.telegram)
      .catch(async () => Delivery.query().where('post_id', postId).firstOrFail())
    assert.equal(delivery.status, 'unknown')
    assert.match(delivery.lastError!, /Telegram offers no way to look a post up/)
    assert.lengthOf(fake.posts(), 1, 'sent once, never re-sent blindly')
  })
})
