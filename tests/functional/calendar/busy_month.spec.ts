import { test } from '@japa/runner'
import { randomUUID } from 'node:crypto'
import db from '@adonisjs/lucid/services/db'
import { MAX_EVENTS } from '#services/calendar/calendar_events'
import { sqlTime } from '#services/publishing/settings'
import { withCleanState } from '#tests/helpers/database'
import { calendarWorld, eventsUrl, placePost, utc } from './_fixtures.js'

const START = utc('2030-03-01T00:00:00')
const END = utc('2030-04-01T00:00:00')

/** Rows straight into the tables, a slice at a time (SQLite caps the variables of one statement). */
async function insertAll(table: string, rows: object[]) {
  for (let i = 0; i < rows.length; i += 100)
    await db.table(table).multiInsert(rows.slice(i, i + 100))
}

test.group('Calendar events: a busy workspace’s month', (group) => {
  withCleanState(group)

  test('the first 1,500 posts of the range come back in order, each with its own deliveries, and the rest is flagged truncated', async ({
    client,
    assert,
  }) => {
    const world = await calendarWorld()
    const other = await calendarWorld('Other Bakery')
    // Another workspace's post in the same range, so a deliveries read not scoped to the range's ids would show.
    await placePost(other, utc('2030-03-10T12:00:00'), [other.mastodon])
    const now = sqlTime(utc('2030-01-01T00:00:00'))
    // Two posts a minute from March 1st: 1,501 posts, the last one past the cap.
    await insertAll(
      'posts',
      Array.from({ length: MAX_EVENTS + 1 }, (_, i) => ({
        workspace_id: world.workspace.id,
        author_id: world.owner.id,
        body: `Busy ${i}`,
        status: 'scheduled',
        scheduled_at: sqlTime(START.plus({ seconds: 30 * i })),
        created_at: now,
      }))
    )
    const posts: { id: number; body: string }[] = await db
      .from('posts')
      .where('workspace_id', world.workspace.id)
      .orderBy('id')
      .select('id', 'body')
    // Every post goes to Mastodon; every third one to Bluesky as well.
    const expected = new Map<number, string[]>()
    const deliveries = posts.flatMap((post, i) => {
      const accounts = i % 3 === 0 ? [world.mastodon, world.bluesky] : [world.mastodon]
      expected.set(post.id, accounts.map((account) => `${account.network}:${account.id}`).sort())
      return accounts.map((account) => ({
        post_id: post.id,
        workspace_id: world.workspace.id,
        social_account_id: account.id,
        network: account.network,
        status: 'scheduled',
        idempotency_key: randomUUID(),
        created_at: now,
      }))
    })
    await insertAll('deliveries', deliveries)

    const response = await client.get(eventsUrl(world.workspace, START, END)).loginAs(world.owner)
    response.assertStatus(200)
    const { events, truncated } = response.body()
    assert.isTrue(truncated)
    assert.lengthOf(events, MAX_EVENTS)
    assert.deepEqual(
      events.map((event: any) => event.id),
      posts.slice(0, MAX_EVENTS).map((post) => post.id)
    )
    assert.equal(
      events.at(-1).at,
      START.plus({ seconds: 30 * (MAX_EVENTS - 1) })
        .toUTC()
        .toISO()
    )
    for (const event of events) {
      const shown = event.deliveries
        .map((delivery: any) => `${delivery.network}:${delivery.accountId}`)
        .sort()
      assert.deepEqual(shown, expected.get(event.id), `deliveries of post ${event.id}`)
    }
  }).timeout(60_000)
})
