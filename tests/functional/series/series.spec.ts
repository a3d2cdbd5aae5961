import { test } from '@japa/runner'
import { DateTime } from 'luxon'
import Post from '#models/post'
import PostSeries from '#models/post_series'
import SeriesOccurrence from '#models/series_occurrence'
import { createSeries } from '#actions/series/create_series'
import { editFutureOccurrences } from '#actions/series/edit_future'
import { materializeSeries } from '#actions/series/materialize_series'
import { updatePost } from '#actions/posts/update_post'
import { withCleanState } from '#tests/helpers/database'
import { makeDesk, type Desk } from '#tests/functional/posts/_fixtures'

/** The posts a series made, by occurrence time, with their instants in UTC and in Paris. */
async function layout(seriesIds: number[]) {
  const rows = await SeriesOccurrence.query().whereIn('series_id', seriesIds).orderBy('occurs_at')
  const posts = await Post.query().whereIn('id', rows.map((row) => row.postId!).filter(Boolean))
  const byId = new Map(posts.map((post) => [post.id, post]))
  return rows.map((row) => {
    const post = byId.get(row.postId!)!
    return {
      local: row.occursAtLocal,
      utc: post.scheduledAt!.toUTC().toFormat("yyyy-MM-dd'T'HH:mm'Z'"),
      paris: post.scheduledAt!.setZone('Europe/Paris').toFormat('ccc HH:mm'),
      status: post.status,
      body: post.body,
      postId: post.id,
      seriesId: row.seriesId,
    }
  })
}

test.group('Repeating posts', (group) => {
  withCleanState(group)
  let desk: Desk
  group.each.setup(async () => {
    desk = await makeDesk()
    await desk.workspace.merge({ timezone: 'Europe/Paris' }).save()
  })

  test('a weekly rule across the spring DST change keeps every occurrence at 09:00 Paris time', async ({
    assert,
  }) => {
    // Clocks go forward in Paris on Sunday 2027-03-28: 09:00 is 08:00 UTC before, 07:00 after.
    const now = DateTime.fromISO('2027-03-01T12:00:00Z')
    const created = await createSeries({
      workspace: desk.workspace,
      actor: desk.owner,
      content: {
        rule: 'FREQ=WEEKLY;BYDAY=MO;COUNT=5',
        startsAtLocal: '2027-03-15T09:00',
        body: 'Monday bake: pistachio loaf 🥐',
        targets: [{ socialAccountId: desk.mastodon.id }],
      },
      now,
    })
    assert.equal(created.status, 'created')
    const series = (created as { series: PostSeries }).series
    // The window (35 days from March 1st) holds the first four.
    assert.deepEqual(
      (await layout([series.id])).map((o) => [o.local, o.utc, o.paris, o.status]),
      [
        ['2027-03-15T09:00', '2027-03-15T08:00Z', 'Mon 09:00', 'scheduled'],
        ['2027-03-22T09:00', '2027-03-22T08:00Z', 'Mon 09:00', 'scheduled'],
        ['2027-03-29T09:00', '2027-03-29T07:00Z', 'Mon 09:00', 'scheduled'],
        ['2027-04-05T09:00', '2027-04-05T07:00Z', 'Mon 09:00', 'scheduled'],
      ]
    )
    // The job's next rounds move the window on; running one twice makes nothing twice.
    const later = DateTime.fromISO('2027-04-10T12:00:00Z')
    await materializeSeries(series, later.plus({ days: 35 }), later)
    await materializeSeries(await PostSeries.findOrFail(series.id), later.plus({ days: 35 }), later)
    const all = await layout([series.id])
    assert.deepEqual(
      all.map((o) => [o.local, o.utc, o.paris]),
      [
        ['2027-03-15T09:00', '2027-03-15T08:00Z', 'Mon 09:00'],
        ['2027-03-22T09:00', '2027-03-22T08:00Z', 'Mon 09:00'],
        ['2027-03-29T09:00', '2027-03-29T07:00Z', 'Mon 09:00'],
        ['2027-04-05T09:00', '2027-04-05T07:00Z', 'Mon 09:00'],
        ['2027-04-12T09:00', '2027-04-12T07:00Z', 'Mon 09:00'],
      ],
      'COUNT=5 ends the series'
    )
    // Each occurrence is its own post with its own deliveries and idempotency keys.
    const posts = await Post.query()
      .whereIn(
        'id',
        all.map((o) => o.postId)
      )
      .preload('deliveries')
    const keys = posts.flatMap((post) => post.deliveries.map((d) => d.idempotencyKey))
    assert.lengthOf(new Set(keys), 5)
  })

  test('no horizon cap: an endless daily rule is laid out window after window, a year on', async ({
    assert,
  }) => {
    const now = DateTime.fromISO('2027-01-01T00:00:00Z')
    const created = await createSeries({
      workspace: desk.workspace,
      actor: desk.owner,
      content: {
        rule: 'FREQ=MONTHLY;BYMONTHDAY=1',
        startsAtLocal: '2027-01-01T10:30',
        body: 'New month, new menu',
        targets: [{ socialAccountId: desk.bluesky.id }],
      },
      now,
    })
    const series = (created as { series: PostSeries }).series
    const yearOn = DateTime.fromISO('2028-06-15T00:00:00Z')
    await materializeSeries(series, yearOn.plus({ days: 35 }), yearOn)
    const locals = (await layout([series.id])).map((o) => o.local)
    assert.includeMembers(locals, ['2027-01-01T10:30', '2027-02-01T10:30', '2028-07-01T10:30'])
  })

  test('editing "all future" moves only the future occurrences; a one-off edit and the past stay', async ({
    assert,
  }) => {
    const now = DateTime.fromISO('2027-03-01T12:00:00Z')
    const created = await createSeries({
      workspace: desk.workspace,
      actor: desk.owner,
      content: {
        rule: 'FREQ=WEEKLY;BYDAY=MO',
        startsAtLocal: '2027-03-01T09:00',
        body: 'Monday bake',
        targets: [{ socialAccountId: desk.mastodon.id }],
      },
      now: now.minus({ hours: 4 }),
    })
    const series = (created as { series: PostSeries }).series
    const before = await layout([series.id])
    assert.deepEqual(
      before.map((o) => o.local),
      [
        '2027-03-01T09:00',
        '2027-03-08T09:00',
        '2027-03-15T09:00',
        '2027-03-22T09:00',
        '2027-03-29T09:00',
        '2027-04-05T09:00',
      ]
    )
    // The first one went out already; the 22nd was edited on its own.
    await Post.query().where('id', before[0].postId).update({ status: 'published' })
    const oneOff = await Post.findOrFail(before[3].postId)
    const edited = await updatePost({
      post: oneOff,
      actor: desk.owner,
      body: 'Monday bake — special Easter edition',
      targets: [{ socialAccountId: desk.mastodon.id }],
    })
    assert.equal(edited.status, 'updated')

    // From the 15th on: Wednesdays at 10:00, new text.
    const result = await editFutureOccurrences({
      series,
      actor: desk.owner,
      fromLocal: '2027-03-15T09:00',
      content: {
        rule: 'FREQ=WEEKLY;BYDAY=WE',
        startsAtLocal: '2027-03-17T10:00',
        body: 'Wednesday bake',
        targets: [{ socialAccountId: desk.mastodon.id }],
      },
      now,
    })
    assert.equal(result.status, 'created')
    const next = (result as { series: PostSeries }).series
    const after = await layout([series.id, next.id])
    assert.deepEqual(
      after.map((o) => [o.local, o.paris, o.body, o.status]),
      [
        ['2027-03-01T09:00', 'Mon 09:00', 'Monday bake', 'published'],
        ['2027-03-08T09:00', 'Mon 09:00', 'Monday bake', 'scheduled'],
        ['2027-03-17T10:00', 'Wed 10:00', 'Wednesday bake', 'scheduled'],
        ['2027-03-22T09:00', 'Mon 09:00', 'Monday bake — special Easter edition', 'scheduled'],
        ['2027-03-24T10:00', 'Wed 10:00', 'Wednesday bake', 'scheduled'],
        ['2027-03-31T10:00', 'Wed 10:00', 'Wednesday bake', 'scheduled'],
      ]
    )
    // The removed Mondays' posts are gone, not left scheduled.
    assert.isNull(await Post.find(before[2].postId))
    assert.isNull(await Post.find(before[4].postId))
    assert.isNull(await Post.find(before[5].postId))
    // The old series ends before the cut: a later round adds no Monday. The one edited on its
    // own went with the new half (it holds its time there).
    await materializeSeries(await PostSeries.findOrFail(series.id), now.plus({ days: 90 }), now)
    assert.lengthOf(await SeriesOccurrence.query().where('series_id', series.id), 2)
    assert.equal(
      (await SeriesOccurrence.findByOrFail('post_id', before[3].postId)).seriesId,
      next.id
    )
  })

  test('a rule finer than daily, or content a network refuses, creates nothing', async ({
    assert,
  }) => {
    const base = {
      startsAtLocal: '2027-03-01T09:00',
      targets: [{ socialAccountId: desk.bluesky.id }],
    }
    const hourly = await createSeries({
      workspace: desk.workspace,
      actor: desk.owner,
      content: { ...base, rule: 'FREQ=HOURLY', body: 'Hi' },
    })
    assert.equal(hourly.status, 'invalid_rule')
    const tooLong = await createSeries({
      workspace: desk.workspace,
      actor: desk.owner,
      content: { ...base, rule: 'FREQ=DAILY', body: 'x'.repeat(400) },
    })
    assert.equal(tooLong.status, 'invalid')
    assert.lengthOf(await PostSeries.all(), 0)
  })
})
