import { test } from '@japa/runner'
import { DateTime } from 'luxon'
import db from '@adonisjs/lucid/services/db'
import MediaAsset from '#models/media_asset'
import SocialAccount from '#models/social_account'
import type User from '#models/user'
import type Workspace from '#models/workspace'
import { withCleanState } from '#tests/helpers/database'
import { addMember, makeUser, makeWorkspace } from '#tests/functional/workspaces/_helpers'
import { makeDesk, posts } from './_fixtures.js'

/** `#a0 … #a{n-1}`: Instagram takes 30 hashtags in a caption, no more. */
const hashtags = (count: number) =>
  Array.from({ length: count }, (_, index) => `#a${index}`).join(' ')

function account(workspace: Workspace, network: string) {
  return SocialAccount.create({
    workspaceId: workspace.id,
    network,
    externalId: `${network}-bakery`,
    handle: 'bakery',
    displayName: `Bakery on ${network}`,
    status: 'connected',
    meta: {},
    tokenCiphertext: 'sealed-token-never-shown',
    connectedAt: DateTime.now(),
  })
}

function photo(
  workspace: Workspace,
  overrides: Partial<{ mimeType: string; width: number; height: number }> = {}
) {
  return MediaAsset.create({
    workspaceId: workspace.id,
    kind: 'image',
    originalName: 'croissant.jpg',
    mimeType: 'image/jpeg',
    bytes: 200_000,
    width: 1080,
    height: 1080,
    status: 'ready',
    storageKey: `w${workspace.id}/originals/croissant.jpg`,
    sha256: 'b'.repeat(64),
    ...overrides,
  })
}

/** The composer's live check as the browser sends it: JSON in, JSON out, CSRF token. */
function check(client: any, workspace: Workspace, user: User, body: object) {
  return client
    .post(`${posts(workspace)}/check`)
    .loginAs(user)
    .withCsrfToken()
    .header('accept', 'application/json')
    .json(body)
    .redirects(0)
}

/** Issues by account id from a check's answer. */
function issuesOf(
  response: any
): Record<number, { code: string; params?: Record<string, unknown> }[]> {
  return Object.fromEntries(
    (response.body().checks as any[]).map((entry) => [entry.socialAccountId, entry.issues])
  )
}

async function rowCounts() {
  const counts: Record<string, number> = {}
  for (const table of [
    'posts',
    'deliveries',
    'post_media',
    'media_variants',
    'audit_logs',
    'notifications',
  ]) {
    const row = await db.from(table).count('* as total').first()
    counts[table] = Number(row.total)
  }
  return counts
}

test.group('Posts / the composer’s live check with each network’s own rules', (group) => {
  withCleanState(group)

  test('an Instagram caption with 31 hashtags gets the plugin’s own issue; 30 is clean; nothing is written', async ({
    client,
    assert,
  }) => {
    const desk = await makeDesk()
    const instagram = await account(desk.workspace, 'instagram')
    const image = await photo(desk.workspace)
    const before = await rowCounts()

    const over = await check(client, desk.workspace, desk.owner, {
      body: `Fresh croissants ${hashtags(31)}`,
      targets: [{ socialAccountId: instagram.id }, { socialAccountId: desk.mastodon.id }],
      media: [{ mediaAssetId: image.id, altText: 'A croissant' }],
    })
    over.assertStatus(200)
    const issues = issuesOf(over)
    // Not a generic rule: only the plugin's validate hook counts hashtags.
    assert.deepEqual(issues[instagram.id], [
      { code: 'text_too_long', params: { what: 'hashtags', length: 31, limit: 30 } },
    ])
    assert.deepEqual(issues[desk.mastodon.id], [])

    const clean = await check(client, desk.workspace, desk.owner, {
      body: `Fresh croissants ${hashtags(30)}`,
      targets: [{ socialAccountId: instagram.id }, { socialAccountId: desk.mastodon.id }],
      media: [{ mediaAssetId: image.id }],
    })
    clean.assertStatus(200)
    assert.deepEqual(issuesOf(clean), { [instagram.id]: [], [desk.mastodon.id]: [] })
    assert.deepEqual(await rowCounts(), before)
    assert.notInclude(over.text(), 'sealed-token-never-shown')
  })

  test('the same rules as saving: generic, per account and per plugin, all in one list', async ({
    client,
    assert,
  }) => {
    const desk = await makeDesk()
    const instagram = await account(desk.workspace, 'instagram')
    const youtube = await account(desk.workspace, 'youtube')
    const response = await check(client, desk.workspace, desk.owner, {
      body: `Our new oven <3 ${hashtags(31)}`,
      targets: [
        { socialAccountId: instagram.id },
        { socialAccountId: youtube.id, options: { privacy: 'public' } },
        // The Mastodon instance allows 500 characters: its own limit, from capabilitiesFor.
        { socialAccountId: desk.mastodon.id, text: 'é'.repeat(501) },
      ],
    })
    response.assertStatus(200)
    const issues = issuesOf(response)
    assert.sameDeepMembers(issues[instagram.id], [
      { code: 'media_required' },
      { code: 'text_too_long', params: { what: 'hashtags', length: 31, limit: 30 } },
    ])
    const youtubeCodes = issues[youtube.id].map(
      (issue) => `${issue.code}:${issue.params?.option ?? ''}`
    )
    assert.includeMembers(youtubeCodes, [
      'media_required:',
      'option_required:title',
      'option_invalid:description',
    ])
    assert.deepEqual(issues[desk.mastodon.id], [
      { code: 'text_too_long', params: { length: 501, limit: 500 } },
    ])
  })

  test('YouTube with a title and no < > in its text has only its video to add', async ({
    client,
    assert,
  }) => {
    const desk = await makeDesk()
    const youtube = await account(desk.workspace, 'youtube')
    const response = await check(client, desk.workspace, desk.owner, {
      body: 'How we bake',
      targets: [{ socialAccountId: youtube.id, options: { title: 'How we bake croissants' } }],
    })
    assert.deepEqual(issuesOf(response)[youtube.id], [{ code: 'media_required' }])
  })

  test('library media is checked as the pipeline will deliver it: shrunk, re-encoded and padded, not refused', async ({
    client,
    assert,
  }) => {
    const desk = await makeDesk()
    const instagram = await account(desk.workspace, 'instagram')
    const x = await account(desk.workspace, 'x')
    // A phone photo: a 4.2 MB 9:16 JPEG. Bluesky takes ≤ 2 MB, Instagram 4:5 at the tallest.
    const phonePhoto = await photo(desk.workspace, { width: 1080, height: 1920 })
    await phonePhoto.merge({ bytes: 4_200_000 }).save()
    const png = await photo(desk.workspace, { mimeType: 'image/png', width: 1200, height: 800 })
    const response = await check(client, desk.workspace, desk.owner, {
      body: 'Fresh from the oven',
      targets: [
        { socialAccountId: desk.bluesky.id },
        { socialAccountId: instagram.id },
        { socialAccountId: x.id },
      ],
      media: [{ mediaAssetId: phonePhoto.id }, { mediaAssetId: png.id }],
    })
    response.assertStatus(200)
    const issues = issuesOf(response)
    assert.deepEqual(issues[desk.bluesky.id], [])
    assert.deepEqual(issues[instagram.id], [])
    assert.deepEqual(issues[x.id], [])
  })

  test('what the pipeline cannot fix is still reported: a video longer than the network takes', async ({
    client,
    assert,
  }) => {
    const desk = await makeDesk()
    const x = await account(desk.workspace, 'x')
    const longVideo = await MediaAsset.create({
      workspaceId: desk.workspace.id,
      kind: 'video',
      originalName: 'tour.mp4',
      mimeType: 'video/mp4',
      bytes: 80_000_000,
      width: 1920,
      height: 1080,
      durationSeconds: 600,
      status: 'ready',
      storageKey: `w${desk.workspace.id}/originals/tour.mp4`,
      sha256: 'c'.repeat(64),
    })
    const response = await check(client, desk.workspace, desk.owner, {
      body: 'A tour of the bakery',
      targets: [{ socialAccountId: x.id }],
      media: [{ mediaAssetId: longVideo.id }],
    })
    // X takes 140 s at most, 1280×1024 at most: the size is the pipeline's to fix, the length is not.
    assert.deepEqual(issuesOf(response)[x.id], [{ code: 'video_too_long', params: { max: 140 } }])
  })

  test('another workspace’s media or account is refused with a field error, and a bad body is a 422', async ({
    client,
    assert,
  }) => {
    const desk = await makeDesk()
    const other = await makeWorkspace(await makeUser(), 'Other Studio')
    const foreignPhoto = await photo(other)
    const foreignAccount = await account(other, 'instagram')

    const media = await check(client, desk.workspace, desk.owner, {
      body: 'Hello',
      targets: [{ socialAccountId: desk.mastodon.id }],
      media: [{ mediaAssetId: foreignPhoto.id }],
    })
    media.assertStatus(422)
    assert.equal(media.body().errors[0].field, 'media')

    const target = await check(client, desk.workspace, desk.owner, {
      body: 'Hello',
      targets: [{ socialAccountId: foreignAccount.id }],
    })
    target.assertStatus(422)
    assert.equal(target.body().errors[0].field, 'targets')
    assert.notInclude(`${media.text()}${target.text()}`, 'Other Studio')

    const bad = await check(client, desk.workspace, desk.owner, { body: 'Hello', targets: [] })
    bad.assertStatus(422)
  })

  test('a viewer is refused, a non-member gets 404, and no check runs without a CSRF token', async ({
    client,
    assert,
  }) => {
    const desk = await makeDesk()
    const body = { body: 'Hello', targets: [{ socialAccountId: desk.mastodon.id }] }
    const { user: viewer } = await addMember(desk.workspace, 'viewer')
    ;(await check(client, desk.workspace, viewer, body)).assertStatus(403)
    const { user: editor } = await addMember(desk.workspace, 'editor')
    ;(await check(client, desk.workspace, editor, body)).assertStatus(200)
    ;(await check(client, desk.workspace, await makeUser(), body)).assertStatus(404)

    const noToken = await client
      .post(`${posts(desk.workspace)}/check`)
      .loginAs(desk.owner)
      .header('accept', 'application/json')
      .json(body)
      .redirects(0)
    assert.notEqual(noToken.status(), 200)
  })

  test('each user has a budget of 120 checks a minute, then gets 429 with Retry-After', async ({
    client,
    assert,
  }) => {
    const desk = await makeDesk()
    const body = { body: 'Hello', targets: [{ socialAccountId: desk.mastodon.id }] }
    for (let index = 0; index < 120; index++)
      (await check(client, desk.workspace, desk.owner, body)).assertStatus(200)
    const throttled = await check(client, desk.workspace, desk.owner, body)
    throttled.assertStatus(429)
    assert.isAbove(Number(throttled.header('retry-after')), 0)
    // Another member's budget is their own.
    const { user: editor } = await addMember(desk.workspace, 'editor')
    ;(await check(client, desk.workspace, editor, body)).assertStatus(200)
  }).timeout(60_000)
})
