import { test } from '@japa/runner'
import { DateTime } from 'luxon'
import db from '@adonisjs/lucid/services/db'
import AuditLog from '#models/audit_log'
import EvergreenItem from '#models/evergreen_item'
import EvergreenSend from '#models/evergreen_send'
import Post from '#models/post'
import PostingSlot from '#models/posting_slot'
import { fillEvergreen } from '#actions/evergreen/fill_evergreen'
import { withCleanState } from '#tests/helpers/database'
import { makeDesk, TOO_LONG_FOR_X, type Desk } from '#tests/functional/posts/_fixtures'
import {
  addMember,
  assertDenied,
  send,
  validationErrors,
} from '#tests/functional/workspaces/_helpers'

/** A model query's count comes in `$extras`, a plain query's on the row. */
const count = async (query: { count: (c: string) => any }) => {
  const row = await query.count('* as n').first()
  return Number(row.$extras?.n ?? row.n)
}

/** Every day at 09:00 and 18:00 in the workspace's zone. */
const twiceDaily = (desk: Desk) =>
  PostingSlot.createMany(
    [1, 2, 3, 4, 5, 6, 7].flatMap((weekday) =>
      ['09:00', '18:00'].map((time) => ({ workspaceId: desk.workspace.id, weekday, time }))
    )
  )

const pageOf = async (client: any, desk: Desk, user = desk.owner) => {
  const page = await client.get(`/w/${desk.workspace.slug}/evergreen`).loginAs(user).withInertia()
  page.assertInertiaComponent('evergreen/index')
  return page.inertiaProps as any
}

test.group('Evergreen page / routes', (group) => {
  withCleanState(group)
  let desk: Desk
  group.each.setup(async () => {
    desk = await makeDesk()
    await desk.workspace.merge({ timezone: 'Europe/Paris' }).save()
  })

  test('an editor adds an evergreen post; a viewer sees it but may not add, change, pause or remove one', async ({
    client,
    assert,
  }) => {
    const { user: editor } = await addMember(desk.workspace, 'editor')
    const { user: viewer } = await addMember(desk.workspace, 'viewer')
    const base = `/w/${desk.workspace.slug}/evergreen`
    const body = {
      variants: ['Our pistachio croissant, every morning 🥐', '  Still warm at 8  '],
      targetAccountIds: [desk.mastodon.id, desk.x.id],
      minGapDays: 5,
    }
    const added = await send(client, 'post', base, editor, body)
    assert.equal(added.status(), 302)
    assert.equal(added.header('location'), base)
    const item = await EvergreenItem.firstOrFail()
    assert.deepEqual(item.variants, [
      'Our pistachio croissant, every morning 🥐',
      'Still warm at 8',
    ])
    assert.deepEqual(item.targetAccountIds, [desk.mastodon.id, desk.x.id])
    assert.equal(item.minGapDays, 5)
    assert.isTrue(item.active)
    assert.equal(item.createdById, editor.id)
    assert.isNotNull(await AuditLog.findBy('action', 'evergreen.created'))

    const props = await pageOf(client, desk, viewer)
    assert.isFalse(props.canEdit)
    assert.isFalse(props.hasSchedule)
    assert.lengthOf(props.items, 1)
    assert.equal(props.items[0].author, editor.fullName)
    assert.deepEqual(props.items[0].history, [])
    assert.equal(props.items[0].next.kind, 'eligible')
    assert.isTrue((await pageOf(client, desk, editor)).canEdit)

    for (const [method, url, payload] of [
      ['post', base, body],
      ['put', `${base}/${item.id}`, body],
      ['put', `${base}/${item.id}/active`, { active: false }],
      ['delete', `${base}/${item.id}`, {}],
    ] as const) {
      assertDenied(await send(client, method, url, viewer, payload), assert)
    }
    await item.refresh()
    assert.isTrue(item.active)
    assert.equal(await count(EvergreenItem.query()), 1)
  })

  test('bad input is refused with field errors and writes nothing: no text, a gap of 0, a text X refuses, another workspace’s account', async ({
    client,
    assert,
  }) => {
    const base = `/w/${desk.workspace.slug}/evergreen`
    const valid = { variants: ['Fresh bread'], targetAccountIds: [desk.mastodon.id], minGapDays: 3 }

    const empty = await send(client, 'post', base, desk.owner, { ...valid, variants: [] })
    assert.property(validationErrors(empty), 'variants')
    const blank = await send(client, 'post', base, desk.owner, { ...valid, variants: ['   '] })
    assert.include(Object.keys(validationErrors(blank)), 'variants.0')
    const gap = await send(client, 'post', base, desk.owner, { ...valid, minGapDays: 0 })
    assert.property(validationErrors(gap), 'minGapDays')
    const text = await send(client, 'post', base, desk.owner, { ...valid, variants: 'nope' })
    assert.property(validationErrors(text), 'variants')

    const tooLong = await send(client, 'post', base, desk.owner, {
      ...valid,
      variants: ['Short and fine', TOO_LONG_FOR_X],
      targetAccountIds: [desk.mastodon.id, desk.x.id],
    })
    const refused = tooLong.flashMessage('errorsBag') as Record<string, string>
    assert.match(refused.variants, /^Text 2 is refused by a network — x: Too long/)

    const other = await makeDesk()
    const foreign = await send(client, 'post', base, desk.owner, {
      ...valid,
      targetAccountIds: [other.mastodon.id],
    })
    assert.deepEqual(foreign.flashMessage('errorsBag'), {
      targetAccountIds: 'Pick accounts connected to this workspace.',
    })
    assert.equal(await count(EvergreenItem.query()), 0)
  })

  test('edit, pause (coming sends withdrawn), resume and remove; history and next send on the page; another workspace gets 404', async ({
    client,
    assert,
  }) => {
    await twiceDaily(desk)
    const base = `/w/${desk.workspace.slug}/evergreen`
    await send(client, 'post', base, desk.owner, {
      variants: ['Sourdough loaves, baked daily', 'Sourdough: the 7 am batch'],
      targetAccountIds: [desk.mastodon.id, desk.x.id],
      minGapDays: 2,
    })
    const item = await EvergreenItem.firstOrFail()

    // One send already went out yesterday; the queue places the next ones in coming slots.
    // Whole seconds: SQLite keeps no more, PostgreSQL does.
    const yesterday = DateTime.utc().minus({ days: 1 }).startOf('second')
    const past = await Post.create({
      workspaceId: desk.workspace.id,
      authorId: desk.owner.id,
      body: 'Sourdough loaves, baked daily',
      status: 'published',
    })
    await EvergreenSend.create({
      itemId: item.id,
      workspaceId: desk.workspace.id,
      socialAccountId: desk.mastodon.id,
      network: 'mastodon',
      textHash: 'a'.repeat(64),
      postId: past.id,
      slotAt: yesterday.minus({ days: 2 }),
      skippedReason: null,
    })
    await item.merge({ lastSentAt: yesterday.minus({ days: 2 }) }).save()
    const made = await fillEvergreen(desk.workspace)
    assert.isAtLeast(made.made.length, 1)

    let props = await pageOf(client, desk)
    assert.isTrue(props.hasSchedule)
    let row = props.items[0]
    assert.equal(row.next.kind, 'scheduled')
    assert.equal(row.next.postId, made.made[0])
    assert.equal(row.history.at(-1).postStatus, 'published')
    assert.include(
      row.history.map((slot: any) => slot.postStatus),
      'scheduled'
    )

    // Edit: new wordings, one account.
    const edited = await send(client, 'put', `${base}/${item.id}`, desk.owner, {
      variants: ['Sourdough, every day at 7'],
      targetAccountIds: [desk.mastodon.id],
      minGapDays: 4,
      active: true,
    })
    assert.oneOf(edited.status(), [302, 303])
    await item.refresh()
    assert.deepEqual(item.variants, ['Sourdough, every day at 7'])
    assert.equal(item.minGapDays, 4)

    // Pause: the coming sends are withdrawn (posts deleted, rows gone), the past one stays.
    const upcomingPosts = made.made
    const paused = await send(client, 'put', `${base}/${item.id}/active`, desk.owner, {
      active: false,
    })
    assert.oneOf(paused.status(), [302, 303])
    assert.equal(
      paused.flashMessage('success'),
      `Paused. ${upcomingPosts.length} coming send(s) withdrawn.`
    )
    await item.refresh()
    assert.isFalse(item.active)
    assert.equal(item.lastSentAt!.toMillis(), yesterday.minus({ days: 2 }).toMillis())
    assert.equal(await count(Post.query().whereIn('id', upcomingPosts)), 0)
    assert.equal(await count(EvergreenSend.query().where('item_id', item.id)), 1)
    assert.equal((await Post.findOrFail(past.id)).status, 'published')
    row = (await pageOf(client, desk)).items[0]
    assert.equal(row.next.kind, 'paused')
    // The job leaves a paused item alone.
    assert.lengthOf((await fillEvergreen(desk.workspace)).made, 0)

    const resumed = await send(client, 'put', `${base}/${item.id}/active`, desk.owner, {
      active: true,
    })
    assert.oneOf(resumed.status(), [302, 303])
    assert.equal((await pageOf(client, desk)).items[0].next.kind, 'eligible')
    const refilled = await fillEvergreen(desk.workspace)
    assert.isAtLeast(refilled.made.length, 1)

    const bad = await send(client, 'put', `${base}/${item.id}/active`, desk.owner, {
      active: 'maybe',
    })
    assert.property(validationErrors(bad), 'active')

    // Another workspace's owner: 404 on each route, the item untouched.
    const other = await makeDesk()
    const foreignBase = `/w/${other.workspace.slug}/evergreen/${item.id}`
    for (const [method, url] of [
      ['put', foreignBase],
      ['put', `${foreignBase}/active`],
      ['delete', foreignBase],
    ] as const) {
      const response = await send(client, method, url, other.owner, {
        variants: ['x'],
        targetAccountIds: [other.mastodon.id],
        minGapDays: 1,
        active: false,
      })
      assert.equal(response.status(), 404, `${method} ${url}`)
    }
    assert.isTrue((await EvergreenItem.findOrFail(item.id)).active)

    // Remove: coming sends withdrawn, the item and its history gone, the published post kept.
    const removed = await send(client, 'delete', `${base}/${item.id}`, desk.owner)
    assert.oneOf(removed.status(), [302, 303])
    assert.isNull(await EvergreenItem.find(item.id))
    assert.equal(await count(Post.query().whereIn('id', refilled.made)), 0)
    assert.equal(await count(db.from('evergreen_sends')), 0)
    assert.equal((await Post.findOrFail(past.id)).status, 'published')
    assert.isNotNull(await AuditLog.findBy('action', 'evergreen.deleted'))
  }).timeout(60_000)
})
