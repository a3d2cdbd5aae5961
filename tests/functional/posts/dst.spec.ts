import { test } from '@japa/runner'
import { DateTime } from 'luxon'
import Post from '#models/post'
import PostingSlot from '#models/posting_slot'
import { withCleanState } from '#tests/helpers/database'
import { send } from '#tests/functional/workspaces/_helpers'
import { resolveLocalTime } from '#services/posts/zoned_time'
import { scheduleTime } from '#services/posts/schedule_time'
import { nextFreeSlot } from '#services/posts/next_free_slot'
import { latestPost, makeDesk, posts } from './_fixtures.js'

const PARIS = 'Europe/Paris'
/** A valid UTC instant (the ISO strings here are literals, so never invalid). */
const utc = (iso: string) => DateTime.fromISO(iso, { zone: 'utc' }) as DateTime<true>

/**
 * The documented rule (app/services/posts/zoned_time.ts, RFC 5545): a wall-clock time skipped
 * by a DST change means the same time read with the offset before the gap (02:30 → 03:30
 * summer time); a time that happens twice means its first occurrence (summer time).
 */
test.group('Posts / time zones and daylight saving', (group) => {
  withCleanState(group)

  test('2026-03-29 02:30 in Paris does not exist: it is 03:30 CEST (01:30 UTC)', ({ assert }) => {
    const resolved = resolveLocalTime('2026-03-29T02:30', PARIS)!
    assert.equal(resolved.kind, 'gap')
    assert.equal(resolved.utc.toISO(), '2026-03-29T01:30:00.000Z')
    assert.equal(resolved.local.toFormat('HH:mm ZZ'), '03:30 +02:00')
  })

  test('2026-10-25 02:30 in Paris happens twice: the first one, CEST (00:30 UTC)', ({ assert }) => {
    const resolved = resolveLocalTime('2026-10-25T02:30', PARIS)!
    assert.equal(resolved.kind, 'overlap')
    assert.equal(resolved.utc.toISO(), '2026-10-25T00:30:00.000Z')
    assert.equal(
      resolveLocalTime('2026-10-25T03:30', PARIS)!.utc.toISO(),
      '2026-10-25T02:30:00.000Z'
    )
    assert.equal(resolveLocalTime('2026-10-25T01:30', PARIS)!.kind, 'exact')
    // The same rule elsewhere: New York's 01:30 on 2026-11-01 is EDT.
    assert.equal(
      resolveLocalTime('2026-11-01T01:30', 'America/New_York')!.utc.toISO(),
      '2026-11-01T05:30:00.000Z'
    )
  })

  test('scheduling on those nights gives the documented instants, whatever zone the process runs in', async ({
    assert,
  }) => {
    const workspace = { id: 0, timezone: PARIS }
    const before = utc('2026-03-01T00:00')
    const gap = await scheduleTime(workspace, { at: '2026-03-29T02:30' }, before)
    assert.deepInclude(gap, { status: 'ok', kind: 'gap' })
    assert.equal(gap.status === 'ok' && gap.at.toISO(), '2026-03-29T01:30:00.000Z')
    const overlap = await scheduleTime(
      workspace,
      { at: '2026-10-25T02:30' },
      utc('2026-10-01T00:00')
    )
    assert.equal(overlap.status === 'ok' && overlap.at.toISO(), '2026-10-25T00:30:00.000Z')
    assert.deepEqual(
      await scheduleTime(workspace, { at: '2026-03-29T02:30' }, utc('2026-04-01T00:00')),
      { status: 'past' }
    )
  })

  test('through the route: next spring’s skipped 02:30 is stored as 03:30 CEST and the user is told', async ({
    client,
    assert,
  }) => {
    const desk = await makeDesk()
    await send(client, 'post', posts(desk.workspace), desk.owner, {
      body: 'Night owls',
      targets: [{ socialAccountId: desk.bluesky.id }],
    })
    const { post } = await latestPost(desk.workspace)
    // Last Sunday of March 2027 (clocks go forward at 02:00 in Paris).
    const response = await send(
      client,
      'post',
      `${posts(desk.workspace)}/${post.id}/schedule`,
      desk.owner,
      { at: '2027-03-28T02:30' }
    )
    assert.include(response.flashMessage('success'), 'Clocks go forward that night')
    assert.equal(
      (await Post.findOrFail(post.id)).scheduledAt!.toUTC().toISO(),
      '2027-03-28T01:30:00.000Z'
    )

    // Last Sunday of October 2027: the first 02:30 (summer time).
    await send(client, 'post', `${posts(desk.workspace)}/${post.id}/schedule`, desk.owner, {
      at: '2027-10-31T02:30',
    })
    assert.equal(
      (await Post.findOrFail(post.id)).scheduledAt!.toUTC().toISO(),
      '2027-10-31T00:30:00.000Z'
    )
  })

  test('the next free slot keeps its wall-clock time across the October change and skips taken slots', async ({
    assert,
  }) => {
    const desk = await makeDesk()
    // Saturday 09:00 and Sunday 09:00, Paris time. Clocks go back on Sunday 2026-10-25.
    await PostingSlot.createMany([
      { workspaceId: desk.workspace.id, weekday: 6, time: '09:00' },
      { workspaceId: desk.workspace.id, weekday: 7, time: '09:00' },
    ])
    const fridayNight = utc('2026-10-23T20:00')
    const first = await nextFreeSlot(desk.workspace, fridayNight)
    assert.equal(first.status === 'ok' && first.at.toISO(), '2026-10-24T07:00:00.000Z') // 09:00 CEST

    // Saturday's slot is taken by a scheduled post: Sunday 09:00 is now CET, one hour later in UTC.
    await Post.create({
      workspaceId: desk.workspace.id,
      authorId: desk.owner.id,
      body: 'taken',
      status: 'scheduled',
      scheduledAt: utc('2026-10-24T07:00'),
    })
    const second = await nextFreeSlot(desk.workspace, fridayNight)
    assert.equal(second.status === 'ok' && second.at.toISO(), '2026-10-25T08:00:00.000Z') // 09:00 CET

    // A draft does not hold a slot; a time already past is never offered.
    await Post.create({
      workspaceId: desk.workspace.id,
      authorId: desk.owner.id,
      body: 'draft',
      status: 'draft',
      scheduledAt: utc('2026-10-25T08:00'),
    })
    const third = await nextFreeSlot(desk.workspace, utc('2026-10-25T08:30'))
    assert.equal(third.status === 'ok' && third.at.toISO(), '2026-10-31T08:00:00.000Z')
  })

  test('a slot inside the spring gap moves after the change; no slot at all is said so', async ({
    assert,
  }) => {
    const desk = await makeDesk()
    assert.deepEqual(await nextFreeSlot(desk.workspace), { status: 'no_slots' })
    await PostingSlot.create({ workspaceId: desk.workspace.id, weekday: 7, time: '02:30' })
    const slot = await nextFreeSlot(desk.workspace, utc('2026-03-27T12:00'))
    assert.equal(slot.status === 'ok' && slot.at.toISO(), '2026-03-29T01:30:00.000Z')
  })

  test('add to queue schedules two posts into two successive slots', async ({ client, assert }) => {
    const desk = await makeDesk()
    const days = [1, 2, 3, 4, 5, 6, 7]
    await PostingSlot.createMany(
      days.map((weekday) => ({ workspaceId: desk.workspace.id, weekday, time: '12:00' }))
    )
    for (const body of ['one', 'two']) {
      await send(client, 'post', posts(desk.workspace), desk.owner, {
        body,
        targets: [{ socialAccountId: desk.mastodon.id }],
        intent: 'queue',
      })
    }
    const queued = await Post.query().where('workspace_id', desk.workspace.id).orderBy('id')
    assert.deepEqual(
      queued.map((post) => post.status),
      ['scheduled', 'scheduled']
    )
    const [a, b] = queued.map((post) => post.scheduledAt!.setZone(PARIS))
    assert.equal(a.toFormat('HH:mm'), '12:00')
    assert.equal(b.toFormat('HH:mm'), '12:00')
    assert.equal(b.diff(a, 'days').days, 1)
  })
})
