/**
 * Boots the application inside a benchmark process (the same providers and config as
 * `node ace`), on the benchmark's own database, Redis database and queue prefix (env.ts).
 */
import './env.js'
import { spawnSync } from 'node:child_process'
import { mkdirSync, readdirSync, rmSync, symlinkSync, writeFileSync } from 'node:fs'
import { join } from 'node:path'
import { ROOT, TMP } from './env.js'
import { pool } from './util.js'

/** Creates the benchmark database when missing, then `migration:fresh` on it (a clean slate per run). */
export async function prepareDatabase() {
  const { default: pg } = await import('pg')
  const name = process.env.PG_DATABASE!
  if (!/^[a-z_][a-z0-9_]*$/.test(name)) throw new Error(`unsafe database name ${name}`)
  const admin = new pg.Client({
    host: process.env.PG_HOST,
    port: Number(process.env.PG_PORT),
    user: process.env.PG_USER,
    database: 'postgres',
  })
  await admin.connect()
  const exists = await admin.query('SELECT 1 FROM pg_database WHERE datname = $1', [name])
  if (!exists.rowCount) await admin.query(`CREATE DATABASE ${name}`)
  await admin.end()
  const run = spawnSync(process.execPath, ['ace.js', 'migration:fresh', '--force'], {
    cwd: ROOT,
    env: process.env,
    encoding: 'utf8',
    timeout: 120_000,
  })
  if (run.status !== 0) throw new Error(`migration:fresh failed:\n${run.stdout}\n${run.stderr}`)
}

/**
 * A plugins folder for the run: every real plugin (symlinked) plus `bench<N>` networks
 * (bench/plugins/bench_network.ts). Must be set before the registry is first used.
 */
export function benchPluginsRoot(benchNetworks: number) {
  const root = join(TMP, `plugins-${process.pid}`)
  rmSync(root, { recursive: true, force: true })
  mkdirSync(root, { recursive: true })
  for (const entry of readdirSync(join(ROOT, 'plugins'), { withFileTypes: true })) {
    if (entry.isDirectory()) symlinkSync(join(ROOT, 'plugins', entry.name), join(root, entry.name))
  }
  const ids: string[] = []
  for (let i = 1; i <= benchNetworks; i++) {
    const id = `bench${i}`
    ids.push(id)
    mkdirSync(join(root, id))
    writeFileSync(
      join(root, id, 'index.ts'),
      `import { makeBenchPlugin } from ${JSON.stringify(join(ROOT, 'bench/plugins/bench_network.js'))}\nexport default makeBenchPlugin(${JSON.stringify(id)})\n`
    )
  }
  process.on('exit', () => rmSync(root, { recursive: true, force: true }))
  return { root, ids }
}

export async function bootApp() {
  const { createIgnitor } = await import('../../bin/ignite.js')
  const app = createIgnitor().createApp('console')
  await app.init()
  await app.boot()
  await app.start(async () => {})
  return app
}

/** Deletes every Redis key under `<prefix>:` (and nothing else) in the benchmark's Redis database. */
export async function flushPrefix(prefix = process.env.QUEUE_PREFIX!) {
  const { default: redis } = await import('@adonisjs/redis/services/main')
  const connection = redis.connection()
  let cursor = '0'
  let deleted = 0
  for (let round = 0; round < 100_000; round++) {
    const [next, keys] = await connection.scan(cursor, 'MATCH', `${prefix}:*`, 'COUNT', 1000)
    if (keys.length) deleted += await connection.unlink(...keys)
    cursor = next
    if (cursor === '0') break
  }
  return deleted
}

/**
 * A user, a workspace and `perNetwork` connected accounts per given network (bench networks
 * connect without a fake). Deliveries go to the accounts round robin (scheduleInBulk).
 */
export async function benchWorld(networks: string[], perNetwork = 1) {
  const { default: User } = await import('#models/user')
  const { createWorkspace } = await import('#actions/workspaces/create_workspace')
  const { saveConnections } = await import('#actions/channels/save_connections')
  const owner = await User.create({
    fullName: 'Bench Owner',
    email: `bench-${Date.now()}@example.com`,
    password: 'bench bench bench',
    locale: 'en',
    timezone: 'UTC',
  })
  const workspace = await createWorkspace({ user: owner, name: 'Bench', timezone: 'UTC' })
  const accounts = []
  for (let k = 0; k < perNetwork; k++) {
    for (const network of networks) {
      const [account] = await saveConnections({
        workspaceId: workspace.id,
        network,
        userId: owner.id,
        connections: [
          {
            profile: {
              externalId: `${network}-${k + 1}`,
              handle: k ? `${network}-${k + 1}` : network,
              displayName: network,
            },
            token: { accessToken: 'bench' },
          },
        ],
      })
      accounts.push(account)
    }
  }
  return { owner, workspace, accounts }
}

/**
 * `count` scheduled posts with one delivery each (accounts round robin), written in bulk, then
 * woken through the product's own path (`wakeAt`, which records the job and enqueues it).
 * `dueOf(i)` is the exact instant of post i; its text carries `due=<ms> n=<i> tag=<tag>` for the fakes.
 */
export async function scheduleInBulk(
  world: Awaited<ReturnType<typeof benchWorld>>,
  count: number,
  dueOf: (i: number) => number,
  tag = 'app',
  parallel = 16,
  /** The first post's number (`n=` in its text): runs sharing the networks keep theirs apart. */
  from = 0
) {
  const { default: db } = await import('@adonisjs/lucid/services/db')
  const { randomUUID } = await import('node:crypto')
  const { sqlTime } = await import('#services/publishing/settings')
  const { wakeAt } = await import('#services/publishing/wake')
  const now = sqlTime()
  const wakes: { id: number; revision: number; at: number }[] = []
  for (let start = from; start < from + count; start += 500) {
    const indexes = Array.from({ length: Math.min(500, from + count - start) }, (_, k) => start + k)
    const posts = await db
      .insertQuery()
      .table('posts')
      .multiInsert(
        indexes.map((i) => ({
          workspace_id: world.workspace.id,
          author_id: world.owner.id,
          body: `bench due=${dueOf(i)} n=${i} tag=${tag}`,
          status: 'scheduled',
          scheduled_at: sqlTime(dueOf(i)),
          created_at: now,
          updated_at: now,
        }))
      )
      .returning('id')
    const deliveries = await db
      .insertQuery()
      .table('deliveries')
      .multiInsert(
        indexes.map((i, k) => {
          const account = world.accounts[i % world.accounts.length]
          return {
            post_id: (posts[k] as any).id ?? posts[k],
            workspace_id: world.workspace.id,
            social_account_id: account.id,
            network: account.network,
            options: '{}',
            status: 'scheduled',
            revision: 1,
            due_at: sqlTime(dueOf(i)),
            idempotency_key: randomUUID(),
            created_at: now,
            updated_at: now,
          }
        })
      )
      .returning('id')
    deliveries.forEach((row: any, k) =>
      wakes.push({ id: row.id ?? row, revision: 1, at: dueOf(indexes[k]) })
    )
  }
  await pool(wakes, parallel, (wake) => wakeAt(wake, wake.at))
  return wakes.length
}
