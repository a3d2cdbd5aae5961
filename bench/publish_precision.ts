/**
 * Publish precision: lateness from a delivery's due instant to the fake network receiving
 * the request (p50/p99/max; any early request is a failure), beside raw BullMQ delayed jobs
 * that send the same request to the same network, in the same run.
 *
 *   node --import @poppinss/ts-exec bench/publish_precision.ts [flags]
 *
 *   --burst=10000          deliveries due at one instant (0 skips)     goal p99 ≤ 10 s and ≤ 1.3× raw
 *   --spread=1000          deliveries spread over --spread-seconds     goal p99 ≤ 100 ms
 *   --spread-seconds=60
 *   --latency-ms=100       the fake network's answer time
 *   --concurrency=N        publish worker concurrency (default: config/queue.ts)
 *   --per-account=N        perAccountConcurrency (default: config/publishing.ts)
 *   --networks=3           bench networks the deliveries are spread over (round robin)
 *   --accounts=1000        accounts in all, spread over the networks (round robin)
 *
 * The defaults are issue 22's burst: 10,000 due at one instant over 1,000 accounts on 3
 * networks answering in 100 ms. The burst's floor is the calls themselves (10,000 × 100 ms
 * over the worker's in-flight count), hence a goal relative to raw BullMQ as well.
 *
 * The raw baseline is a plain BullMQ Worker at the same concurrency whose job POSTs to the
 * same fake. The burst runs raw first, then the pipeline; the spread runs both side by side.
 */
import { flags, finish, fmt, goal, ratio, summarize, waitUntil, type Summary } from './_lib/util.js'
import {
  benchPluginsRoot,
  benchWorld,
  bootApp,
  flushPrefix,
  prepareDatabase,
  scheduleInBulk,
} from './_lib/app.js'
import { BenchNetwork } from './_lib/fake_network.js'

const f = flags()
const BURST = f.num('burst', 10_000)
const SPREAD = f.num('spread', 1000)
const SPREAD_MS = f.num('spread-seconds', 60) * 1000
const LATENCY = f.num('latency-ms', 100)
const NETWORKS = f.num('networks', 3)
const ACCOUNTS = Math.max(NETWORKS, f.num('accounts', 1000))

await prepareDatabase()
const plugins = benchPluginsRoot(NETWORKS)
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
publishing.perAccountConcurrency = f.num('per-account', publishing.perAccountConcurrency)

const network = await new BenchNetwork(LATENCY).start()
pluginsConfig.root = plugins.root
for (const id of plugins.ids) pluginsConfig.settings[id] = { urls: { api: network.baseUrl } }
await flushPrefix()
const world = await benchWorld(plugins.ids, Math.ceil(ACCOUNTS / NETWORKS))

console.log(
  `publish precision — concurrency ${CONCURRENCY}, perAccountConcurrency ${publishing.perAccountConcurrency}, ` +
    `${world.accounts.length} accounts on ${NETWORKS} network(s), fake latency ${LATENCY} ms, PostgreSQL, Redis db ${process.env.REDIS_DB} prefix ${process.env.QUEUE_PREFIX}`
)

const TIMEOUT = (n: number) => 60_000 + n * 50

/** Raw BullMQ: delayed jobs whose handler sends the same request to the same network. */
async function rawRun(tag: string, dues: number[]) {
  const connection = { ...queueConfig.connection, maxRetriesPerRequest: null }
  const name = `bench-raw-${tag}`
  const queue = new Queue(name, { connection, prefix: queueConfig.prefix })
  const worker = new Worker(
    name,
    async (job) => {
      const response = await fetch(`${network.baseUrl}/posts`, {
        method: 'POST',
        headers: { 'content-type': 'application/json' },
        body: JSON.stringify({ text: `bench due=${job.data.due} n=${job.data.n} tag=${tag}` }),
      })
      await response.text()
    },
    { connection, prefix: queueConfig.prefix, concurrency: CONCURRENCY }
  )
  await worker.waitUntilReady()
  for (let start = 0; start < dues.length; start += 1000) {
    const now = Date.now()
    await queue.addBulk(
      dues.slice(start, start + 1000).map((due, k) => ({
        name: 'raw',
        data: { due, n: start + k },
        opts: { delay: Math.max(0, due - now), removeOnComplete: true, removeOnFail: true },
      }))
    )
  }
  return {
    done: () =>
      waitUntil(() => network.count(tag) >= dues.length, TIMEOUT(dues.length), 50, `raw ${tag}`),
    close: async () => {
      await worker.close()
      await queue.obliterate({ force: true }).catch(() => {})
      await queue.close()
    },
  }
}

/** The pipeline: bulk-written deliveries woken through wakeAt, published by a real WorkerRunner. */
async function startRunner() {
  const runner = new WorkerRunner({
    manager: await app.container.make('queue'),
    registry: jobs,
    leaseKeepers: await leaseKeepers(),
    logger: await app.container.make('logger'),
    redis: redis.connection(),
    queues: ['publish'],
  })
  await runner.start()
  return runner
}

function lateness(tag: string, from: number, to: number): Summary & { early: number } {
  const values = network.arrivals
    .filter((a) => a.tag === tag && a.n >= from && a.n < to)
    .map((a) => a.at - a.due)
  return { ...summarize(values), early: values.filter((v) => v < 0).length }
}

function print(
  label: string,
  raw: Summary & { early: number },
  pipeline: Summary & { early: number }
) {
  console.log(`\n${label}`)
  console.log(`                 count     p50 ms     p99 ms     max ms   early`)
  for (const [name, s] of [
    ['raw BullMQ', raw],
    ['pipeline', pipeline],
  ] as const) {
    console.log(
      `  ${name.padEnd(12)} ${String(s.count).padStart(7)} ${fmt(s.p50).padStart(10)} ${fmt(s.p99).padStart(10)} ${fmt(s.max).padStart(10)} ${String(s.early).padStart(7)}`
    )
  }
  console.log(
    `  ratio pipeline/raw: p50 ×${fmt(ratio(pipeline.p50, raw.p50), 2)}, p99 ×${fmt(ratio(pipeline.p99, raw.p99), 2)}`
  )
}

async function statusCounts() {
  const rows = await db.from('deliveries').select('status').count('* as n').groupBy('status')
  return Object.fromEntries(rows.map((r: any) => [r.status, Number(r.n)]))
}

if (BURST > 0) {
  // (a) Everything due at one instant (the top-of-hour burst).
  const lead = 3000 + BURST * 1.5
  const rawDue = Date.now() + 2000 + BURST * 0.3
  const raw = await rawRun('burst', Array(BURST).fill(rawDue))
  await raw.done()
  await raw.close()
  const rawFigures = lateness('burst', 0, BURST)

  const runner = await startRunner()
  const due = Date.now() + lead
  const t0 = Date.now()
  await scheduleInBulk(world, BURST, () => due, 'appburst')
  const slack = due - Date.now()
  console.log(
    `\nburst: ${BURST} deliveries written and woken in ${Date.now() - t0} ms, ${slack} ms before their instant`
  )
  if (slack < 0)
    console.log(
      '  warning: scheduling ended after the due instant; raise the lead (figures include it)'
    )
  await waitUntil(() => network.count('appburst') >= BURST, TIMEOUT(BURST), 100, 'pipeline burst')
  await waitUntil(
    async () => ((await statusCounts()).published ?? 0) >= BURST,
    30_000,
    100,
    'burst settled'
  )
  await runner.stop()
  const appFigures = lateness('appburst', 0, BURST)
  print(`(a) ${BURST} deliveries due at one instant`, rawFigures, appFigures)
  goal(
    'burst p99 ≤ 10 s',
    appFigures.p99 <= 10_000,
    `pipeline p99 ${fmt(appFigures.p99)} ms (raw ${fmt(rawFigures.p99)} ms)`
  )
  goal(
    'burst p99 ≤ 1.3× raw BullMQ at the same in-flight count',
    appFigures.p99 <= 1.3 * rawFigures.p99,
    `×${fmt(ratio(appFigures.p99, rawFigures.p99), 2)}`
  )
  goal('burst: no early publish', appFigures.early === 0, `${appFigures.early} early`)
}

if (SPREAD > 0) {
  // (b) Spread over the window at random milliseconds; raw and pipeline side by side.
  const start = Date.now() + 3000 + SPREAD * 1.5
  const dues = Array.from(
    { length: SPREAD },
    () => start + Math.floor(Math.random() * SPREAD_MS)
  ).sort((a, b) => a - b)
  const runner = await startRunner()
  await scheduleInBulk(world, SPREAD, (i) => dues[i], 'appspread')
  const raw = await rawRun('spread', dues)
  if (Date.now() > dues[0]) console.log('  warning: scheduling ended after the first instant')
  await raw.done()
  await waitUntil(
    () => network.count('appspread') >= SPREAD,
    TIMEOUT(SPREAD),
    100,
    'pipeline spread'
  )
  await runner.stop()
  await raw.close()
  const s = lateness('appspread', 0, SPREAD)
  const rawFigures = lateness('spread', 0, SPREAD)
  print(`(b) ${SPREAD} deliveries spread over ${SPREAD_MS / 1000} s`, rawFigures, s)
  goal(
    'spread p99 ≤ 100 ms',
    s.p99 <= 100,
    `pipeline p99 ${fmt(s.p99)} ms (raw ${fmt(rawFigures.p99)} ms)`
  )
  goal('spread: no early publish', s.early === 0, `${s.early} early`)
}

const code = finish()
await network.close()
await app.terminate()
process.exit(code)
