import { test } from '@japa/runner'
import { DateTime } from 'luxon'
import SocialAccount from '#models/social_account'
import { webUrl } from '#sdk/web_url'
import { withCleanState } from '#tests/helpers/database'
import { makeUser, makeWorkspace } from '#tests/functional/workspaces/_helpers'
import { makeToken } from '#tests/functional/api/_fixtures'

const HOSTILE = [
  'javascript:alert(document.cookie)',
  ' JavaScript:alert(1)',
  'data:text/html,<script>alert(1)</script>',
  'vbscript:msgbox(1)',
  '//evil.example/profile',
  'not a url',
]

test.group('Security / links that come from a network', (group) => {
  withCleanState(group)

  test('only http(s) survive webUrl', ({ assert }) => {
    for (const link of HOSTILE) assert.isNull(webUrl(link), link)
    assert.equal(webUrl('https://mastodon.example/@bakery'), 'https://mastodon.example/@bakery')
    assert.equal(webUrl('http://example.com/u/1'), 'http://example.com/u/1')
  })

  test('a javascript: profile or avatar link never reaches the Channels page or the API', async ({
    client,
    assert,
  }) => {
    const owner = await makeUser()
    const workspace = await makeWorkspace(owner)
    const base = { workspaceId: workspace.id, status: 'connected' as const }
    await SocialAccount.createMany(
      HOSTILE.map((link, i) => ({
        ...base,
        network: 'mastodon',
        externalId: `hostile-${i}`,
        handle: `@hostile${i}@mastodon.example`,
        displayName: `Hostile ${i}`,
        profileUrl: link,
        avatarUrl: link,
        connectedAt: DateTime.now(),
      }))
    )
    await SocialAccount.create({
      ...base,
      network: 'mastodon',
      externalId: 'fine',
      handle: '@bakery@mastodon.example',
      displayName: 'Bakery',
      profileUrl: 'https://mastodon.example/@bakery',
      avatarUrl: 'https://mastodon.example/avatar.png',
      connectedAt: DateTime.now(),
    })

    const page = await client.get(`/w/${workspace.slug}/channels`).loginAs(owner).withInertia()
    page.assertStatus(200)
    const channels = (page.inertiaProps as { channels: any[] }).channels
    assert.lengthOf(channels, HOSTILE.length + 1)
    for (const channel of channels) {
      if (channel.displayName === 'Bakery') {
        assert.equal(channel.profileUrl, 'https://mastodon.example/@bakery')
        assert.equal(channel.avatarUrl, 'https://mastodon.example/avatar.png')
      } else {
        assert.isNull(channel.profileUrl, channel.displayName)
        assert.isNull(channel.avatarUrl, channel.displayName)
      }
    }

    const { secret } = await makeToken(workspace, owner, 'read')
    const api = await client.get('/api/v1/accounts').header('authorization', `Bearer ${secret}`)
    api.assertStatus(200)
    const body = JSON.stringify(api.body())
    assert.notMatch(body, /javascript:|vbscript:|data:text/i)
  })
})

test.group('Security / Referrer-Policy', (group) => {
  withCleanState(group)

  test('strict-origin-when-cross-origin on pages, redirects, errors, API, health and static files', async ({
    client,
    assert,
  }) => {
    const owner = await makeUser()
    const workspace = await makeWorkspace(owner)
    const { secret } = await makeToken(workspace, owner, 'read')
    const requests: [string, () => Promise<any>][] = [
      ['login page', () => client.get('/login').withInertia()],
      ['redirect to login', () => client.get(`/w/${workspace.slug}/calendar`).redirects(0)],
      [
        'signed-in page',
        () => client.get(`/w/${workspace.slug}/members`).loginAs(owner).withInertia(),
      ],
      ['404 page', () => client.get('/no/such/page')],
      ['reset page', () => client.get('/reset-password/not-a-token').withInertia()],
      [
        'API call',
        () => client.get('/api/v1/accounts').header('authorization', `Bearer ${secret}`),
      ],
      ['refused API call', () => client.get('/api/v1/accounts')],
      ['health', () => client.get('/health')],
      ['static file', () => client.get('/favicon.svg')],
    ]
    for (const [label, request] of requests) {
      const response = await request()
      assert.equal(
        response.header('referrer-policy'),
        'strict-origin-when-cross-origin',
        `${label} (${response.status()})`
      )
    }
  })
})
