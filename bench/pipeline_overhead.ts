/**
 * Pipeline overhead: deliveries per second through the whole publish path (wake-up job →
 * network slot → compare-and-set claim → plugin publish → outcome, roll-up, events) with a
 * no-op network, against a raw BullMQ worker doing nothing on the same Redis, same run, and
 * the CPU time each costs per delivery (this process + the PostgreSQL backends of the
 * benchmark's database + the Redis server, from their own counters: bench/_lib/cpu.ts).
 * Goals (issue 22): pipeline/raw ≥ 0.25 and ≥ 1,500 deliveries/s — the second only holds on a
 * quiet 2-core machine; on a shared one the ratio and the CPU per delivery are what compare.
 *
 *   node --import @poppinss/ts-exec bench/pipeline_overhead.ts [--jobs=5000] [--rounds=2]
 *        [--concurrency=N (default config/queue.ts)] [--per-account=N (default: = concurrency)]
 *
 * Both sides drain a backlog of due work with the same worker concurrency. The network limit
 * is raised to the concurrency by default so it does not bind (a no-op network has no limit
 * to respect); pass --per-account to measure with the configured one.
 */
import { flags, finish, fmt, goal, ratio, waitUntil } from './_lib/util.js'
import { cpuSnapshot, cpuSpent, type CpuSpent } from './_lib/cpu.js'
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
const { jobs, leaseKeepers, preload } = await import('#jobs/main')
const { default: emitter } = await import('@adonisjs/core/services/emitter')
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
  const cpuBefore = await cpuSnapshot(db, redis.connection())
  const t0 = Date.now()
  const worker = new Worker(name, async () => {}, {
    connection,
    prefix: queueConfig.prefix,
    concurrency: CONCURRENCY,
  })
  worker.on('completed', () => void done++)
  await waitUntil(() => done >= JOBS, 120_000, 10, 'raw drain')
  const seconds = (Date.now() - t0) / 1000
  const cpu = cpuSpent(cpuBefore, await cpuSnapshot(db, redis.connection()))
  await worker.close()
  await queue.obliterate({ force: true }).catch(() => {})
  await queue.close()
  return { rate: JOBS / seconds, cpu }
}

async function pipeline(round: number) {
  // Due now: every wake-up is ready at once; written before the worker starts, so only the drain is timed.
  const due = Date.now()
  await scheduleInBulk(world, JOBS, () => due, `r${round}`)
  // Counted from the worker's own status events (it runs in this process), not by polling the
  // table: a count(*) every 50 ms was PostgreSQL CPU of the benchmark charged to the pipeline.
  let published = 0
  const onStatus = (event: { status: string }) => void (event.status === 'published' && published++)
  emitter.on('delivery:status_changed', onStatus)
  const runner = new WorkerRunner({
    manager: await app.container.make('queue'),
    registry: jobs,
    leaseKeepers: await leaseKeepers(),
    preload,
    logger: await app.container.make('logger'),
    redis: redis.connection(),
    queues: ['publish'],
  })
  // The job modules loaded before the clock starts, as queue:work does (`preload`) before its first job.
  await Promise.all(preload.map((name: string) => jobs.resolve(name)))
  // Statements this process sends while the drain runs.
  let statements = 0
  const counted = () => void statements++
  const clients = new Set([db.connection().getWriteClient(), db.connection().getReadClient()])
  for (const client of clients) client.on('query', counted)
  const cpuBefore = await cpuSnapshot(db, redis.connection())
  const t0 = Date.now()
  const drainStart = process.hrtime.bigint()
  await runner.start()
  await waitUntil(() => published >= JOBS, 600_000, 5, 'pipeline drain')
  const seconds = (Date.now() - t0) / 1000
  const cpu = cpuSpent(cpuBefore, await cpuSnapshot(db, redis.connection()))
  profileWindow(drainStart)
  await runner.stop()
  for (const client of clients) client.off('query', counted)
  emitter.off('delivery:status_changed', onStatus)
  // Statements, not rows: concurrent jobs' claims, settles and roll-ups leave in groups.
  console.log(`  pipeline: ${fmt(statements / JOBS, 2)} SQL statements per delivery`)
  const other = await db.from('deliveries').whereNot('status', 'published').count('* as n')
  if (Number(other[0].n)) console.log(`  warning: ${other[0].n} deliveries not published`)
  return { rate: JOBS / seconds, cpu }
}

/**
 * Under `node --cpu-prof`, the drain's span on the profile's clock (monotonic microseconds), so
 * bench/_lib/profile_summary.ts can leave the setup and the raw side out of the profile.
 */
function profileWindow(start: bigint) {
  if (!process.execArgv.some((arg) => arg.startsWith('--cpu-prof'))) return
  console.log(`  profile window ${start / 1000n} ${process.hrtime.bigint() / 1000n}`)
}

/** CPU milliseconds per job: total (worker process + PostgreSQL + Redis). */
const perJob = (cpu: CpuSpent) =>
  `${fmt(cpu.total / JOBS, 2)} ms (node ${fmt(cpu.node / JOBS, 2)} + pg ${fmt(cpu.pg / JOBS, 2)} + redis ${fmt(cpu.redis / JOBS, 2)})`

const results: { raw: number; app: number }[] = []
for (let round = 1; round <= ROUNDS; round++) {
  const r = await raw(round)
  const p = await pipeline(round)
  results.push({ raw: r.rate, app: p.rate })
  console.log(
    `  round ${round}: raw BullMQ ${fmt(r.rate, 0)} jobs/s · pipeline ${fmt(p.rate, 0)} deliveries/s · ratio ${fmt(ratio(p.rate, r.rate), 3)}`
  )
  console.log(`    CPU per job: raw ${perJob(r.cpu)} · pipeline ${perJob(p.cpu)}`)
  console.log(
    `    CPU ratio pipeline/raw ${fmt(ratio(p.cpu.total, r.cpu.total), 1)}× (Redis is shared by the machine: an upper bound)`
  )
}
const best = results.reduce((a, b) => (ratio(b.app, b.raw) > ratio(a.app, a.raw) ? b : a))
const median = [...results].sort((a, b) => ratio(a.app, a.raw) - ratio(b.app, b.raw))[
  Math.floor(results.length / 2)
]
goal(
  'pipeline/raw ≥ 0.25',
  ratio(median.app, median.raw) >= 0.25,
  `median ratio ${fmt(ratio(median.app, median.raw), 3)} (best ${fmt(ratio(best.app, best.raw), 3)})`
)
goal(
  '≥ 1,500 deliveries/s with one worker (a quiet 2-core machine)',
  median.app >= 1500,
  `median round ${fmt(median.app, 0)} deliveries/s`
)

const code = finish()
await app.terminate()
process.exit(code)
