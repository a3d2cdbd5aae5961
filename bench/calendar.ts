/**
 * Calendar at scale (issue 11): 100,000 posts across 200 workspaces (one of them busy),
 * then the server work of the calendar's month and week requests — query validation, the
 * two queries of app/services/calendar/calendar_events.ts, the transformer and the JSON —
 * against a bare route running the raw SQL of the same range (the posts, then their
 * deliveries, serialised as the driver returns them), and the posts-only SQL as a floor. HTTP and session costs are the same for both and left out.
 *
 *   node --import=@poppinss/ts-exec bench/calendar.ts                       # SQLite (tmp/bench/)
 *   DB_CONNECTION=pg PG_DATABASE=pistache_bench_calendar node --import=@poppinss/ts-exec bench/calendar.ts
 *
 * The database is migrated from scratch: PostgreSQL needs a database whose name contains
 * "bench" (createdb -h 127.0.0.1 -U postgres pistache_bench_calendar). Goal: p95 ≤ 25 ms and ≤ 2× bare.
 */
import { mkdirSync } from 'node:fs'
import { randomUUID } from 'node:crypto'
import { performance } from 'node:perf_hooks'

process.env.NODE_ENV ??= 'development'
process.env.SQLITE_PATH ??= new URL('../tmp/bench/calendar.sqlite3', import.meta.url).pathname
mkdirSync(new URL('../tmp/bench/', import.meta.url), { recursive: true })
if (process.env.DB_CONNECTION === 'pg' && !/bench/.test(process.env.PG_DATABASE ?? '')) {
  console.error(
    'Refusing to wipe a PostgreSQL database whose name lacks "bench": set PG_DATABASE=pistache_bench_calendar'
  )
  process.exit(1)
}

const POSTS = Number(process.env.BENCH_POSTS ?? 100_000)
const WORKSPACES = 200
const BUSY_SHARE = 0.1 // one workspace holds a tenth of all posts
const ROUNDS = Number(process.env.BENCH_ROUNDS ?? 300)

const { createIgnitor } = await import('../bin/ignite.js')
const app = createIgnitor().createApp('console')
await app.init()
await app.boot()
await app.start(async () => {})

const { default: db } = await import('@adonisjs/lucid/services/db')
const { MigrationRunner } = await import('@adonisjs/lucid/migration')
const { DateTime } = await import('luxon')
const { calendarPosts } = await import('#services/calendar/calendar_events')
const { default: CalendarTransformer } = await import('#transformers/calendar_transformer')
const { calendarEventsValidator } = await import('#validators/calendar')
const { sqlTime } = await import('#services/publishing/settings')
const { default: User } = await import('#models/user')
const { default: WorkspaceMember } = await import('#models/workspace_member')

const dialect = db.connection().dialect.name
console.log(
  `calendar bench on ${dialect}: ${POSTS.toLocaleString('en')} posts, ${WORKSPACES} workspaces`
)

for (const direction of ['down', 'up'] as const) {
  const runner = new MigrationRunner(db, app, {
    direction,
    batch: direction === 'down' ? 0 : undefined,
    dryRun: false,
  })
  await runner.run()
  if (runner.error) throw runner.error
}

// --- seed -------------------------------------------------------------------------------
const now = sqlTime(DateTime.utc())
const year = DateTime.fromISO('2030-01-01T00:00:00Z', { zone: 'utc' })
const NETWORKS = ['mastodon', 'bluesky', 'x']
const STATUSES = [
  'scheduled',
  'scheduled',
  'published',
  'draft',
  'pending_approval',
  'failed',
] as const
const started = performance.now()
/** SQLite caps the bound variables of one statement: insert in slices. */
async function insertAll(
  client: { table: (name: string) => any },
  table: string,
  rows: object[],
  size = 100
) {
  for (let i = 0; i < rows.length; i += size)
    await client.table(table).multiInsert(rows.slice(i, i + size))
}
await insertAll(
  db,
  'workspaces',
  Array.from({ length: WORKSPACES }, (_, i) => ({
    name: `Bench ${i}`,
    slug: `bench-${i}`,
    timezone: 'Europe/Paris',
    created_at: now,
  }))
)
const accounts: { id: number; workspace_id: number; network: string }[] = []
for (let w = 1; w <= WORKSPACES; w++) {
  for (const network of NETWORKS)
    accounts.push({ id: accounts.length + 1, workspace_id: w, network })
}
await insertAll(
  db,
  'social_accounts',
  accounts.map((a) => ({
    ...a,
    external_id: `e${a.id}`,
    handle: `@b${a.id}`,
    display_name: `B${a.id}`,
    status: 'connected',
    connected_at: now,
    created_at: now,
  }))
)
const busyPosts = Math.round(POSTS * BUSY_SHARE)
let postId = 0
const CHUNK = 5000
while (postId < POSTS) {
  await db.transaction(async (trx) => {
    const posts = []
    const deliveries = []
    for (let i = 0; i < CHUNK && postId < POSTS; i++) {
      postId++
      const workspace = postId <= busyPosts ? 1 : 2 + (postId % (WORKSPACES - 1))
      const at = year.plus({ minutes: Math.floor(Math.random() * 365 * 24 * 60) })
      const status = STATUSES[postId % STATUSES.length]
      posts.push({
        id: postId,
        workspace_id: workspace,
        body: `Post ${postId}: ${'pistachio croissants and sourdough '.repeat(1 + (postId % 8))}`,
        status,
        scheduled_at: sqlTime(at),
        created_at: now,
      })
      for (let n = 0; n <= postId % 3; n++) {
        const account = accounts[(workspace - 1) * 3 + n]
        deliveries.push({
          post_id: postId,
          workspace_id: workspace,
          social_account_id: account.id,
          network: account.network,
          status:
            status === 'published'
              ? 'published'
              : status === 'failed'
                ? 'failed'
                : status === 'draft'
                  ? 'draft'
                  : 'scheduled',
          idempotency_key: randomUUID(),
          created_at: now,
        })
      }
    }
    await insertAll(trx, 'posts', posts)
    await insertAll(trx, 'deliveries', deliveries)
  })
}
if (dialect === 'postgres') {
  await db.rawQuery(`SELECT setval('posts_id_seq', (SELECT max(id) FROM posts))`)
  // What autovacuum does on a live database: without it the planner, seeing no all-visible
  // pages yet, reads all 200k deliveries in a parallel seq scan instead of the post_id index.
  await db.rawQuery('VACUUM ANALYZE')
} else {
  await db.rawQuery('ANALYZE')
}
console.log(`seeded in ${((performance.now() - started) / 1000).toFixed(1)} s`)

// --- measure ----------------------------------------------------------------------------
/** An owner of the measured workspace, as the workspace middleware would have loaded. */
function ownerOf(workspaceId: number) {
  const user = new User().merge({ id: 1 })
  return { user, member: new WorkspaceMember().merge({ workspaceId, userId: 1, role: 'owner' }) }
}

/** What GET /w/:workspace/calendar/events does once the middleware has run. */
async function calendarRoute(workspaceId: number, start: string, end: string) {
  const query = await calendarEventsValidator.validate({ start, end })
  const { posts, truncated } = await calendarPosts(workspaceId, query.start, query.end)
  const viewer = ownerOf(workspaceId)
  return JSON.stringify({
    events: posts.map((post) =>
      new CalendarTransformer(post, viewer, {
        id: workspaceId,
        clientApprovalRequired: false,
      }).toObject()
    ),
    truncated,
  })
}

/** The bare route: the raw SQL of the same range — the posts, then their deliveries, one id-list parameter as the app binds it — serialised. */
const POSTS_SQL =
  'SELECT id, author_id, status, scheduled_at, body FROM posts WHERE workspace_id = ? AND scheduled_at >= ? AND scheduled_at < ?'
const rowsOf = (result: any): any[] => (dialect === 'postgres' ? result.rows : result)

async function bareRoute(withDeliveries: boolean, workspaceId: number, start: string, end: string) {
  const posts = rowsOf(
    await db.rawQuery(POSTS_SQL, [
      workspaceId,
      sqlTime(DateTime.fromISO(start)),
      sqlTime(DateTime.fromISO(end)),
    ])
  )
  if (!withDeliveries || !posts.length) return JSON.stringify(posts)
  const ids = posts.map((post) => post.id)
  const deliveries = rowsOf(
    dialect === 'postgres'
      ? await db.rawQuery(
          'SELECT id, post_id, network, social_account_id, status FROM deliveries WHERE post_id = ANY(?::int[])',
          [`{${ids.join(',')}}`]
        )
      : await db.rawQuery(
          'SELECT id, post_id, network, social_account_id, status FROM deliveries WHERE post_id IN (SELECT value FROM json_each(?))',
          [JSON.stringify(ids)]
        )
  )
  return JSON.stringify({ posts, deliveries })
}

function percentile(sorted: number[], p: number) {
  return sorted[Math.min(sorted.length - 1, Math.floor((p / 100) * sorted.length))]
}

async function measure(label: string, view: 'month' | 'week', workspaceFor: (i: number) => number) {
  const times = { route: [] as number[], bare: [] as number[], posts: [] as number[] }
  let events = 0
  for (let i = 0; i < ROUNDS; i++) {
    const month = 1 + (i % 12)
    // FullCalendar's ranges: the month grid spans 6 weeks from the Monday before the 1st; a week is 7 days.
    const first = DateTime.fromObject({ year: 2030, month, day: 1 }, { zone: 'Europe/Paris' })
    const start =
      view === 'month' ? first.startOf('week') : first.plus({ days: 7 * (i % 4) }).startOf('week')
    const end = start.plus({ days: view === 'month' ? 42 : 7 })
    const workspace = workspaceFor(i)
    // Alternate the order so neither side always runs on a warm cache.
    const order =
      i % 2 ? (['route', 'bare', 'posts'] as const) : (['posts', 'bare', 'route'] as const)
    for (const side of order) {
      const t0 = performance.now()
      const json =
        side === 'route'
          ? await calendarRoute(workspace, start.toISO()!, end.toISO()!)
          : await bareRoute(side === 'bare', workspace, start.toISO()!, end.toISO()!)
      times[side].push(performance.now() - t0)
      if (side === 'route') events += (json.match(/"excerpt"/g) ?? []).length
    }
  }
  const route = times.route.sort((a, b) => a - b)
  const bare = times.bare.sort((a, b) => a - b)
  const postsOnly = times.posts.sort((a, b) => a - b)
  const line = (name: string, list: number[]) =>
    `${name} p50 ${percentile(list, 50).toFixed(2)} ms  p95 ${percentile(list, 95).toFixed(2)} ms`
  console.log(`\n${label} (${(events / ROUNDS).toFixed(0)} posts per view, ${ROUNDS} rounds)`)
  console.log(`  calendar route  ${line('', route)}`)
  console.log(`  bare SQL route  ${line('', bare)}   (same two statements, raw)`)
  console.log(
    `  posts-only SQL  ${line('', postsOnly)}   (floor, no deliveries: ${(percentile(route, 95) / percentile(postsOnly, 95)).toFixed(2)}×)`
  )
  const ratio = percentile(route, 95) / percentile(bare, 95)
  const ok = percentile(route, 95) <= 25 && ratio <= 2
  console.log(
    `  ratio p95 ${ratio.toFixed(2)}×  (goal p95 ≤ 25 ms and ≤ 2×: ${ok ? 'met' : 'MISSED'})`
  )
}

const typical = (i: number) => 2 + (i % (WORKSPACES - 1))
await measure('month view, typical workspace', 'month', typical)
await measure('week view, typical workspace', 'week', typical)
await measure(
  `month view, busy workspace (${busyPosts.toLocaleString('en')} posts a year)`,
  'month',
  () => 1
)
await measure('week view, busy workspace', 'week', () => 1)

await app.terminate()
