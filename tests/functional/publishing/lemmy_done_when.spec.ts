import { test } from '@japa/runner'
import Delivery from '#models/delivery'
import SocialAccount from '#models/social_account'
import { openToken } from '#services/token_vault'
import { withCleanState } from '#tests/helpers/database'
import { connectFields, photo, submitCredentials, withStudio } from './_done_when.js'
import { connectedAccount, figuresAfterAnHour, publishFromComposer } from './_one_network.js'

/**
 * Issue 24: Lemmy through the app — a login on the user's instance (the password never kept),
 * a titled post with a described image to a community from the composer, its votes and
 * comments read back by the stats run.
 */
test.group('Done when: Lemmy through the app', (group) => {
  withCleanState(group)
  const studio = withStudio(group, ['lemmy'])

  test('the connect form proposes the configured instance and masks the password', async ({
    client,
    assert,
  }) => {
    const { fields } = await connectFields(client, studio, 'lemmy')
    const [instance, , password] = fields
    assert.deepInclude(instance, { name: 'instance', default: studio.fakes.lemmy.server.baseUrl })
    assert.deepInclude(password, { name: 'password', type: 'password', secret: true })
    assert.deepEqual(password.label, { en: 'Password', fr: 'Mot de passe' })
  })

  test('connects, publishes a titled post with an image to a community, reads votes back', async ({
    client,
    assert,
  }) => {
    const fake = studio.fakes.lemmy
    const refused = await submitCredentials(client, studio, 'lemmy', {
      ...fake.credentials,
      password: 'nope',
    })
    assert.match(String(refused.flashMessages().error), /The instance refused this login/)
    fake.totp = '246810'
    const noCode = await submitCredentials(client, studio, 'lemmy', fake.credentials)
    assert.match(String(noCode.flashMessages().error), /enter the current code/)

    const connected = await submitCredentials(client, studio, 'lemmy', {
      ...fake.credentials,
      totp: '246810',
    })
    assert.equal(connected.header('location'), `/w/${studio.workspace.slug}/channels`)
    const account = await connectedAccount(studio, 'lemmy')
    assert.equal(account.handle, `@pistache@${new URL(fake.server.baseUrl).host}`)
    const jwt = openToken(account)!.accessToken
    assert.isTrue(fake.isTokenValid(jwt))
    assert.notInclude(account.tokenCiphertext!, jwt)
    assert.notInclude(JSON.stringify(account.serialize()), fake.account.password)

    const { status, delivery, page } = await publishFromComposer(client, studio, {
      account,
      body: 'Our **harvest** notes for this season.',
      options: { community: '!pistache', title: 'Harvest notes 2026' },
      photos: [{ name: 'harvest.jpg', bytes: await photo(4), altText: 'Crates of pistachios' }],
    })
    assert.equal(status, 'published')
    const [post] = fake.posts()
    assert.lengthOf(fake.posts(), 1)
    assert.equal(post.name, 'Harvest notes 2026')
    assert.equal(post.text, 'Our **harvest** notes for this season.')
    assert.deepEqual(post.media, [{ kind: 'image', altText: 'Crates of pistachios' }])
    assert.equal(delivery.externalUrl, `${fake.server.baseUrl}/post/${delivery.externalId}`)
    assert.equal(page.deliveries[0].status, 'published')
    assert.notInclude(JSON.stringify(page), jwt)

    const figures = await figuresAfterAnHour(fake, delivery, { likes: 9, comments: 4 })
    assert.deepInclude(figures, { likes: 9, comments: 4, views: null })
  })

  test('a post without a title or with a bad community name stays a draft, and nothing is sent', async ({
    client,
    assert,
  }) => {
    const fake = studio.fakes.lemmy
    await submitCredentials(client, studio, 'lemmy', fake.credentials)
    const account = await SocialAccount.query().where('network', 'lemmy').firstOrFail()
    const requests = fake.server.requests.length
    const response = await client
      .post(`/w/${studio.workspace.slug}/posts`)
      .loginAs(studio.owner)
      .withCsrfToken()
      .json({
        body: 'No title here',
        intent: 'schedule',
        at: '2030-01-01T10:00',
        targets: [{ socialAccountId: account.id, options: { community: 'not a name!' } }],
      })
      .redirects(0)
    assert.equal(response.status(), 302)
    assert.match(
      String(response.flashMessages().error),
      /Kept as a draft: some accounts need changes/
    )
    const deliveries = await Delivery.query().where('social_account_id', account.id)
    assert.deepEqual(
      deliveries.map((delivery) => delivery.status),
      ['draft']
    )
    assert.lengthOf(fake.posts(), 0)
    assert.equal(fake.server.requests.length, requests)
  })
})
