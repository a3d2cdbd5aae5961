import { test } from '@japa/runner'
import { DateTime } from 'luxon'
import Delivery from '#models/delivery'
import Post from '#models/post'
import MediaAsset from '#models/media_asset'
import { withCleanState } from '#tests/helpers/database'
import {
  makeUser,
  makeWorkspace,
  send,
  validationErrors,
} from '#tests/functional/workspaces/_helpers'
import { latestPost, makeDesk, parisWallClock, posts, TOO_LONG_FOR_X } from './_fixtures.js'

test.group('Posts / composing through the routes', (group) => {
  withCleanState(group)

  test('a draft for three accounts with an X variant, then edited: targets and variants follow', async ({
    client,
    assert,
  }) => {
    const desk = await makeDesk()
    const created = await send(client, 'post', posts(desk.workspace), desk.owner, {
      body: 'Fresh croissants at 8',
      targets: [
        { socialAccountId: desk.mastodon.id, options: { visibility: 'unlisted' } },
        { socialAccountId: desk.bluesky.id },
        { socialAccountId: desk.x.id, text: 'Croissants at 8 #bakery' },
      ],
    })
    const { post, byNetwork } = await latestPost(desk.workspace)
    assert.equal(created.header('location'), `${posts(desk.workspace)}/${post.id}/edit`)
    assert.equal(created.flashMessage('success'), 'Draft saved.')
    assert.equal(post.status, 'draft')
    assert.equal(post.authorId, desk.owner.id)
    assert.deepEqual(Object.keys(byNetwork).sort(), ['bluesky', 'mastodon', 'x'])
    assert.equal(byNetwork.x.text, 'Croissants at 8 #bakery')
    assert.isNull(byNetwork.bluesky.text)
    assert.deepEqual(byNetwork.mastodon.options, { visibility: 'unlisted' })

    const edited = await send(client, 'put', `${posts(desk.workspace)}/${post.id}`, desk.owner, {
      body: 'Fresh croissants at 7',
      targets: [{ socialAccountId: desk.mastodon.id }, { socialAccountId: desk.x.id, text: null }],
    })
    assert.equal(edited.header('location'), `${posts(desk.workspace)}/${post.id}/edit`)
    const after = await latestPost(desk.workspace)
    assert.equal(after.post.body, 'Fresh croissants at 7')
    assert.deepEqual(Object.keys(after.byNetwork).sort(), ['mastodon', 'x'])
    assert.isNull(after.byNetwork.x.text)
  })

  test('the composer gets each account’s own rules and never a token', async ({
    client,
    assert,
  }) => {
    const desk = await makeDesk()
    const page = await client
      .get(`${posts(desk.workspace)}/new`)
      .loginAs(desk.owner)
      .withInertia()
    page.assertInertiaComponent('posts/composer')
    const accounts = page.inertiaProps.accounts as any[]
    const byNetwork = Object.fromEntries(accounts.map((account) => [account.network, account]))
    assert.equal(byNetwork.x.capabilities.text.limit, 280)
    assert.equal(byNetwork.x.capabilities.text.counter.id, 'x_weighted')
    assert.equal(byNetwork.mastodon.capabilities.text.limit, 500)
    assert.includeMembers(
      byNetwork.mastodon.optionFields.map((field: any) => field.name),
      ['visibility']
    )
    assert.notInclude(page.text(), 'sealed-token-never-shown')
    assert.notInclude(page.text(), 'tokenCiphertext')
  })

  test('an X text over 280 weighted characters is refused for scheduling but kept as a draft, with the issue per target', async ({
    client,
    assert,
  }) => {
    const desk = await makeDesk()
    const at = parisWallClock()
    const response = await send(client, 'post', posts(desk.workspace), desk.owner, {
      body: TOO_LONG_FOR_X,
      targets: [
        { socialAccountId: desk.mastodon.id },
        { socialAccountId: desk.bluesky.id },
        { socialAccountId: desk.x.id },
      ],
      intent: 'schedule',
      at: at.toFormat("yyyy-MM-dd'T'HH:mm"),
    })
    const { post, byNetwork } = await latestPost(desk.workspace)
    assert.equal(response.header('location'), `${posts(desk.workspace)}/${post.id}/edit`)
    assert.equal(
      response.flashMessage('error'),
      'Kept as a draft: some accounts need changes before it can go out (1).'
    )
    assert.equal(post.status, 'draft')
    assert.isNull(post.scheduledAt)
    assert.isTrue(
      Object.values(byNetwork).every(
        (delivery) => delivery.status === 'draft' && delivery.jobId === null
      )
    )

    const page = await client
      .get(`${posts(desk.workspace)}/${post.id}/edit`)
      .loginAs(desk.owner)
      .withInertia()
    const checks = Object.fromEntries(
      (page.inertiaProps.checks as any[]).map((check) => [check.socialAccountId, check.issues])
    )
    assert.deepEqual(checks[desk.x.id], [
      { code: 'text_too_long', params: { length: 291, limit: 280 } },
    ])
    assert.deepEqual(checks[desk.mastodon.id], [])
    assert.deepEqual(checks[desk.bluesky.id], [])

    // A shorter X variant fixes it: now it schedules.
    const fixed = await send(client, 'put', `${posts(desk.workspace)}/${post.id}`, desk.owner, {
      body: TOO_LONG_FOR_X,
      targets: [
        { socialAccountId: desk.mastodon.id },
        { socialAccountId: desk.bluesky.id },
        { socialAccountId: desk.x.id, text: 'Croissants, tout chauds.' },
      ],
      intent: 'schedule',
      at: at.toFormat("yyyy-MM-dd'T'HH:mm"),
    })
    assert.equal(fixed.header('location'), `${posts(desk.workspace)}/${post.id}`)
    const scheduled = await latestPost(desk.workspace)
    assert.equal(scheduled.post.status, 'scheduled')
    assert.equal(scheduled.post.scheduledAt!.toMillis(), at.toUTC().toMillis())
  })

  test('schedule at a workspace wall-clock time, reschedule, publish now', async ({
    client,
    assert,
  }) => {
    const desk = await makeDesk()
    await send(client, 'post', posts(desk.workspace), desk.owner, {
      body: 'Sourdough Saturday',
      targets: [{ socialAccountId: desk.mastodon.id }, { socialAccountId: desk.x.id }],
    })
    const { post } = await latestPost(desk.workspace)
    const at = parisWallClock(5, 18, 45)

    const scheduled = await send(
      client,
      'post',
      `${posts(desk.workspace)}/${post.id}/schedule`,
      desk.owner,
      { at: at.toFormat("yyyy-MM-dd'T'HH:mm") }
    )
    assert.match(scheduled.flashMessage('success'), /^Scheduled for .*6:45/)
    let fresh = await Post.findOrFail(post.id)
    assert.equal(fresh.status, 'scheduled')
    // 18:45 in Paris, whatever zone the server runs in.
    assert.equal(
      fresh.scheduledAt!.toMillis(),
      DateTime.fromObject(
        { year: at.year, month: at.month, day: at.day, hour: 18, minute: 45 },
        { zone: 'Europe/Paris' }
      ).toMillis()
    )
    const deliveries = await Delivery.query().where('post_id', post.id)
    assert.isTrue(
      deliveries.every((delivery) => delivery.status === 'scheduled' && delivery.jobId !== null)
    )

    const later = at.plus({ days: 1 })
    await send(client, 'post', `${posts(desk.workspace)}/${post.id}/schedule`, desk.owner, {
      at: later.toFormat("yyyy-MM-dd'T'HH:mm"),
    })
    fresh = await Post.findOrFail(post.id)
    assert.equal(fresh.scheduledAt!.toMillis(), later.toUTC().toMillis())
    const moved = await Delivery.query().where('post_id', post.id)
    assert.isTrue(
      moved.every(
        (delivery) =>
          delivery.revision > 1 && delivery.dueAt!.toMillis() === later.toUTC().toMillis()
      )
    )

    const now = await send(
      client,
      'post',
      `${posts(desk.workspace)}/${post.id}/publish-now`,
      desk.owner
    )
    assert.equal(
      now.flashMessage('success'),
      'Publishing now. Each account’s status updates below.'
    )
    const queued = await Delivery.query().where('post_id', post.id)
    assert.isTrue(queued.every((delivery) => delivery.status === 'queued'))

    const detail = await client
      .get(`${posts(desk.workspace)}/${post.id}`)
      .loginAs(desk.owner)
      .withInertia()
    detail.assertInertiaComponent('posts/show')
    assert.deepEqual(
      (detail.inertiaProps.post.deliveries as any[]).map((delivery) => delivery.status),
      ['queued', 'queued']
    )
    assert.notProperty(detail.inertiaProps.post.deliveries[0], 'idempotencyKey')
    assert.notInclude(detail.text(), 'sealed-token-never-shown')
  })

  test('a time in the past, a malformed time or a foreign media is refused and changes nothing', async ({
    client,
    assert,
  }) => {
    const desk = await makeDesk()
    const past = DateTime.now()
      .setZone('Europe/Paris')
      .minus({ hours: 2 })
      .toFormat("yyyy-MM-dd'T'HH:mm")
    const body = { body: 'Hello', targets: [{ socialAccountId: desk.mastodon.id }] }
    const refused = await send(client, 'post', posts(desk.workspace), desk.owner, {
      ...body,
      intent: 'schedule',
      at: past,
    })
    assert.equal(
      validationErrors(refused).at,
      'This time has already passed. Choose a time in the future.'
    )
    const malformed = await send(client, 'post', posts(desk.workspace), desk.owner, {
      ...body,
      intent: 'schedule',
      at: '2027-02-30T10:00',
    })
    assert.equal(validationErrors(malformed).at, 'Enter a valid date and time.')

    const other = await makeWorkspace(await makeUser(), 'Other Studio')
    const foreign = await MediaAsset.create({
      workspaceId: other.id,
      kind: 'image',
      originalName: 'secret.png',
      mimeType: 'image/png',
      bytes: 100,
      status: 'ready',
      storageKey: 'x/secret.png',
      sha256: 'a'.repeat(64),
    })
    const stolen = await send(client, 'post', posts(desk.workspace), desk.owner, {
      ...body,
      media: [{ mediaAssetId: foreign.id }],
    })
    assert.equal(
      validationErrors(stolen).media,
      'One of the media is not in this workspace’s library.'
    )
    const foreignAccount = await send(client, 'post', posts(desk.workspace), desk.owner, {
      body: 'x',
      targets: [{ socialAccountId: 999_999 }],
    })
    assert.equal(
      validationErrors(foreignAccount).targets,
      'Choose accounts connected to this workspace.'
    )
    assert.equal((await Post.query().where('workspace_id', desk.workspace.id)).length, 0)
  })

  test('delete removes the post; a published one cannot be edited', async ({ client, assert }) => {
    const desk = await makeDesk()
    await send(client, 'post', posts(desk.workspace), desk.owner, {
      body: 'Bye',
      targets: [{ socialAccountId: desk.bluesky.id }],
    })
    const { post } = await latestPost(desk.workspace)
    const deleted = await send(client, 'delete', `${posts(desk.workspace)}/${post.id}`, desk.owner)
    assert.equal(deleted.header('location'), posts(desk.workspace))
    assert.isNull(await Post.find(post.id))

    await send(client, 'post', posts(desk.workspace), desk.owner, {
      body: 'Done',
      targets: [{ socialAccountId: desk.bluesky.id }],
    })
    const { post: done } = await latestPost(desk.workspace)
    await done.merge({ status: 'published' }).save()
    await Delivery.query().where('post_id', done.id).update({ status: 'published' })
    const refused = await send(client, 'put', `${posts(desk.workspace)}/${done.id}`, desk.owner, {
      body: 'Changed',
      targets: [{ socialAccountId: desk.bluesky.id }],
    })
    assert.equal(
      refused.flashMessage('error'),
      'This post has started publishing and can no longer be changed.'
    )
    assert.equal((await Post.findOrFail(done.id)).body, 'Done')
  })
})
