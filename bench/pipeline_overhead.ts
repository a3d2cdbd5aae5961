/**
 * Pipeline overhead: deliveries per second through the whole publish path (wake-up job →
 * network slot → compare-and-set claim → plugin publish → outcome, roll-up, events) with a
 * no-op network, against a raw BullMQ worker doing nothing on the same Redis, same run.
 * Goal: pipeline/raw ≥ 0.5.
 *
 *   node --import @poppinss/ts-exec bench/pipeline_overhead.ts [--jobs=5000] [--rounds=2]
 *        [--concurrency=N (default config/queue.ts)] [--per-account=N (default: = concurrency)]
 *
 * Both sides drain a backlog of due work with the same worker concurrency. The network limit
 * is raised to the concurrency by default so it does not bind (a no-op network has no limit
 * to respect); pass --per-account to measure with the configured one.
 */
import { flags, finish, fmt, goal, ratio, waitUntil } from './_lib/util.js'
import {
  benchPluginsRoot,
  benchWorld,
  bootApp,
  flushPrefix,
  prepareDatabase,
  scheduleInBulk,
} from './_lib/app.js'

const f = flags()
const JOBS = f.num('jobs', 5000)
const ROUNDS = f.num('rounds', 2)

await prepareDatabase()
const plugins = benchPluginsRoot(1)
const app = await bootApp()
const { Queue, Worker } = await import('bullmq')
const { WorkerRunner } = await import('#queue/worker_runner')
const { jobs, leaseKeepers } = await import('#jobs/main')
const { default: redis } = await import('@adonisjs/redis/services/main')
const { default: db } = await import('@adonisjs/lucid/services/db')

const queueConfig = app.config.get<any>('queue')
const publishing = app.config.get<any>('publishing')
const pluginsConfig = app.config.get<any>('plugins')
const CONCURRENCY = f.num('concurrency', queueConfig.queues.publish.concurrency)
queueConfig.queues.publish.concurrency = CONCURRENCY
publishing.perAccountConcurrency = f.num('per-account', CONCURRENCY)
pluginsConfig.root = plugins.root
// No api URL: the bench network's publish succeeds at once without any I/O.
pluginsConfig.settings[plugins.ids[0]] = { urls: {} }
await flushPrefix()
const world = await benchWorld(plugins.ids)

console.log(
  `pipeline overhead — ${JOBS} jobs per side, concurrency ${CONCURRENCY}, perAccountConcurrency ${publishing.perAccountConcurrency}, PostgreSQL`
)

async function raw(round: number) {
  const connection = { ...queueConfig.connection, maxRetriesPerRequest: null }
  const name = `bench-raw-overhead-${round}`
  const queue = new Queue(name, { connection, prefix: queueConfig.prefix })
  for (let start = 0; start < JOBS; start += 1000) {
    await queue.addBulk(
      Array.from({ length: Math.min(1000, JOBS - start) }, (_, k) => ({
        name: 'noop',
        data: { n: start + k },
        opts: { removeOnComplete: true },
      }))
    )
  }
  let done = 0
  const t0 = Date.now()
  const worker = new Worker(name, async () => {}, {
    connection,
    prefix: queueConfig.prefix,
    concurrency: CONCURRENCY,
  })
  worker.on('completed', () => void done++)
  await waitUntil(() => done >= JOBS, 120_000, 10, 'raw drain')
  const seconds = (Date.now() - t0) / 1000
  await worker.close()
  await queue.obliterate({ force: true }).catch(() => {})
  await queue.close()
  return JOBS / seconds
}

async function pipeline(round: number) {
  // Due now: every wake-up is ready at once; written before the worker starts, so only the drain is timed.
  const due = Date.now()
  await scheduleInBulk(world, JOBS, () => due, `r${round}`)
  const published = async () =>
    Number((await db.from('deliveries').where('status', 'published').count('* as n'))[0].n)
  const before = (round - 1) * JOBS
  const runner = new WorkerRunner({
    manager: await app.container.make('queue'),
    registry: jobs,
    leaseKeepers: await leaseKeepers(),
    logger: await app.container.make('logger'),
    redis: redis.connection(),
    queues: ['publish'],
  })
  const commits = async () =>
    Number(
      (
        await db.rawQuery(
          'SELECT xact_commit FROM pg_stat_database WHERE datname = current_database()'
        )
      ).rows[0].xact_commit
    )
  const commitsBefore = await commits()
  const t0 = Date.now()
  await runner.start()
  await waitUntil(async () => (await published()) >= before + JOBS, 600_000, 50, 'pipeline drain')
  const seconds = (Date.now() - t0) / 1000
  await runner.stop()
  // Where the time goes: the drain waits on PostgreSQL, one commit per statement outside a transaction.
  const polls = Math.ceil((seconds * 1000) / 50) * 2
  console.log(
    `  pipeline: ~${fmt(((await commits()) - commitsBefore - polls) / JOBS, 1)} PostgreSQL transactions per delivery`
  )
  const other = await db.from('deliveries').whereNot('status', 'published').count('* as n')
  if (Number(other[0].n)) console.log(`  warning: ${other[0].n} deliveries not published`)
  return JOBS / seconds
}

const results: { raw: number; app: number }[] = []
for (let round = 1; round <= ROUNDS; round++) {
  const r = await raw(round)
  const p = await pipeline(round)
  results.push({ raw: r, app: p })
  console.log(
    `  round ${round}: raw BullMQ ${fmt(r, 0)} jobs/s · pipeline ${fmt(p, 0)} deliveries/s · ratio ${fmt(ratio(p, r), 3)}`
  )
}
const best = results.reduce((a, b) => (ratio(b.app, b.raw) > ratio(a.app, a.raw) ? b : a))
const median = [...results].sort((a, b) => ratio(a.app, a.raw) - ratio(b.app, b.raw))[
  Math.floor(results.length / 2)
]
goal(
  'pipeline/raw ≥ 0.5',
  ratio(median.app, median.raw) >= 0.5,
  `median ratio ${fmt(ratio(median.app, median.raw), 3)} (best ${fmt(ratio(best.app, best.raw), 3)})`
)

const code = finish()
await app.terminate()
process.exit(code)
