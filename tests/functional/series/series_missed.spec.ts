import { test } from '@japa/runner'
import { DateTime } from 'luxon'
import db from '@adonisjs/lucid/services/db'
import Delivery from '#models/delivery'
import Post from '#models/post'
import type PostSeries from '#models/post_series'
import type { MissedPolicy } from '#models/post_series'
import SeriesOccurrence from '#models/series_occurrence'
import { createSeries } from '#actions/series/create_series'
import { runDelivery } from '#services/publishing/run_delivery'
import { sqlTime } from '#services/publishing/settings'
import { withCleanState } from '#tests/helpers/database'
import { publishRequests, settled, withWorld, type World } from '../publishing/_fixtures.js'

/**
 * A one-off series (COUNT=1) whose occurrence fell `minutesAgo` ago while no worker ran: made
 * ahead as usual, then its post's and deliveries' times are put back where the clock has
 * since passed them, and the jobs are left unrun — what a worker finds when it comes back.
 */
async function missedWhileDown(
  world: World,
  minutesAgo: number,
  policy: { missedPolicy: MissedPolicy; lateGraceMinutes?: number },
  body: string
) {
  const due = DateTime.utc().minus({ minutes: minutesAgo }).startOf('minute')
  const local = due.setZone(world.workspace.timezone).toFormat("yyyy-MM-dd'T'HH:mm")
  const created = await createSeries({
    workspace: world.workspace,
    actor: world.owner,
    content: {
      rule: 'FREQ=DAILY;COUNT=1',
      startsAtLocal: local,
      body,
      targets: [{ socialAccountId: world.accounts.mastodon.id }],
      ...policy,
    },
    now: due.minus({ minutes: 1 }),
  })
  if (created.status !== 'created') throw new Error(created.status)
  const series = (created as { series: PostSeries }).series
  const occurrence = await SeriesOccurrence.findByOrFail('series_id', series.id)
  await db
    .from('posts')
    .where('id', occurrence.postId!)
    .update({ scheduled_at: sqlTime(due) })
  await db
    .from('deliveries')
    .where('post_id', occurrence.postId!)
    .update({ due_at: sqlTime(due), status: 'scheduled' })
  const delivery = await Delivery.findByOrFail('post_id', occurrence.postId!)
  return { series, occurrence, delivery, due }
}

/** What the back-up worker does with the delivery's wake-up job. */
const wake = (delivery: Delivery) =>
  runDelivery(
    { deliveryId: delivery.id, revision: delivery.revision, notBefore: delivery.dueAt!.toMillis() },
    'worker-back-up'
  )

test.group('Repeating posts / occurrences missed while no worker ran', (group) => {
  withCleanState(group)
  const world = withWorld(group)

  test('post late: within the grace it goes out late and says by how much; past the grace it is skipped as missed', async ({
    assert,
  }) => {
    const late = await missedWhileDown(
      world,
      30,
      { missedPolicy: 'post_late', lateGraceMinutes: 60 },
      'Half an hour late, still worth it'
    )
    assert.equal(await wake(late.delivery), 'done')
    const [published] = await settled(late.occurrence.postId!)
    assert.equal(published.status, 'published')
    await late.occurrence.refresh()
    assert.isNull(late.occurrence.missedAt)
    assert.closeTo(late.occurrence.lateSeconds!, 30 * 60, 60)

    const tooLate = await missedWhileDown(
      world,
      3 * 60,
      { missedPolicy: 'post_late', lateGraceMinutes: 60 },
      'Three hours late: no longer news'
    )
    assert.equal(await wake(tooLate.delivery), 'missed')
    await tooLate.occurrence.refresh()
    assert.isNotNull(tooLate.occurrence.missedAt)
    assert.equal(tooLate.occurrence.problem, 'missed')
    const post = await Post.findOrFail(tooLate.occurrence.postId)
    assert.equal(post.status, 'draft')
    assert.isNull(post.scheduledAt)
    assert.equal((await Delivery.findOrFail(tooLate.delivery.id)).status, 'draft')

    // The fake network got exactly the one within the grace.
    assert.deepEqual(
      publishRequests(world.mastodon).map((request: any) => request.body?.status),
      ['Half an hour late, still worth it']
    )
  }).timeout(30_000)

  test('skip: a missed occurrence is never posted late; an ordinary delay still publishes; a retry is never skipped', async ({
    assert,
    client,
  }) => {
    const skipped = await missedWhileDown(
      world,
      20,
      { missedPolicy: 'skip' },
      'Skipped when missed'
    )
    assert.equal(await wake(skipped.delivery), 'missed')
    // A second wake-up of the same job finds nothing to do.
    assert.equal(await wake(skipped.delivery), 'stale')

    // Two minutes late is queueing, not a worker that was down.
    const ordinary = await missedWhileDown(world, 2, { missedPolicy: 'skip' }, 'A little late')
    assert.equal(await wake(ordinary.delivery), 'done')
    assert.equal((await settled(ordinary.occurrence.postId!))[0].status, 'published')
    await ordinary.occurrence.refresh()
    assert.isNull(ordinary.occurrence.missedAt)

    // A retry that waited past the time is the pipeline's, not a missed occurrence.
    const retry = await missedWhileDown(world, 20, { missedPolicy: 'skip' }, 'Retried')
    await db.from('deliveries').where('id', retry.delivery.id).update({ attempts: 1 })
    await retry.delivery.refresh()
    assert.equal(await wake(retry.delivery), 'done')

    assert.sameMembers(
      publishRequests(world.mastodon).map((request: any) => request.body?.status),
      ['A little late', 'Retried']
    )

    // The post page's series card reads what happened.
    const answer = await client
      .get(`/w/${world.workspace.slug}/series/of-post/${skipped.occurrence.postId}`)
      .loginAs(world.owner)
      .header('accept', 'application/json')
    const series = answer.body().series
    assert.equal(series.missedPolicy, 'skip')
    assert.isString(series.missedAt)
    assert.isNull(series.lateSeconds)
  }).timeout(30_000)
})
