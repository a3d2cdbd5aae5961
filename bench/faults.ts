/**
 * The fault run. Posts scheduled over a few minutes across three fake networks (Mastodon,
 * Bluesky, X, through their real plugins), published by a worker process (bench/_worker.ts)
 * while this script:
 *   - SIGKILLs the worker `--kills` times (5) and restarts it a second later;
 *   - flushes Redis once (the queue prefix only: jobs, locks, slots, schedulers);
 *   - makes the networks answer `--fault-rate` (20 %) of create-post requests with a 500, a 429,
 *     a timeout or a lost answer, during the middle half of the run.
 * Then it waits until every delivery is final and counts, at the networks, how often each one
 * arrived: published (once) / failed / unknown (each with its reason) / lost / duplicated.
 * Exit 1 on any loss, duplicate, final state without reason, or "failed" that did arrive.
 *
 *   node --import @poppinss/ts-exec bench/faults.ts [--posts=10000] [--minutes=3] [--kills=5]
 *        [--fault-rate=0.2] [--settle-minutes=5]
 */
import { spawn, type ChildProcess } from 'node:child_process'
import { setTimeout as sleep } from 'node:timers/promises'
import { ROOT } from './_lib/env.js'
import { flags, pool } from './_lib/util.js'
import { bootApp, flushPrefix, prepareDatabase, scheduleInBulk } from './_lib/app.js'
import { FaultProxy } from './_lib/fault_proxy.js'

const f = flags()
const POSTS = f.num('posts', 10_000)
const SPREAD_MS = f.num('minutes', 3) * 60_000
const KILLS = f.num('kills', 5)
const FAULT_RATE = f.num('fault-rate', 0.2)
const SETTLE_MS = f.num('settle-minutes', 5) * 60_000
const log = (message: string) =>
  console.log(`[${new Date().toISOString().slice(11, 23)}] ${message}`)

await prepareDatabase()
const app = await bootApp()
await flushPrefix()
const { FakeMastodon } = await import('#plugins/mastodon/fake/server')
const { FakeBluesky } = await import('#plugins/bluesky/fake/server')
const { FakeX } = await import('#plugins/x/fake/server')
const { connectThroughFake } = await import('#sdk/testing/connect')
const { outboundPolicy } = await import('#sdk')
const { default: plugins } = await import('#services/plugins')
const { saveConnections } = await import('#actions/channels/save_connections')
const { default: User } = await import('#models/user')
const { createWorkspace } = await import('#actions/workspaces/create_workspace')
const { default: db } = await import('@adonisjs/lucid/services/db')

// --- networks, each behind a fault proxy ------------------------------------------------
const [mastodon, bluesky, x] = await Promise.all([
  FakeMastodon.start(),
  FakeBluesky.start(),
  FakeX.start(),
])
const proxies = {
  mastodon: await new FaultProxy(mastodon.server.baseUrl, new RegExp(mastodon.publishPath)).start(),
  bluesky: await new FaultProxy(bluesky.server.baseUrl, new RegExp(bluesky.publishPath)).start(),
  x: await new FaultProxy(x.server.baseUrl, new RegExp(x.publishPath)).start(),
}
// The proxies and fakes stand for servers users name (instance, service, PDS): this process and
// the worker may reach exactly their addresses, nothing else on loopback.
const userNamed = [proxies.mastodon, proxies.bluesky, mastodon.server, bluesky.server].map(
  (server) => new URL(server.baseUrl).host
)
for (const host of userNamed) outboundPolicy.allow(host)
const pluginSettings = {
  x: {
    ...x.settings,
    urls: { api: proxies.x.baseUrl, authorize: `${proxies.x.baseUrl}/i/oauth2/authorize` },
  },
  bluesky: { urls: { service: proxies.bluesky.baseUrl } },
}
const pluginsConfig = app.config.get<any>('plugins')
Object.assign(pluginsConfig.settings, pluginSettings)
/** The fake as the connect flow sees it, every address replaced by its proxy's. */
function throughProxy(fake: any, proxy: FaultProxy) {
  const settings = pluginSettings[fake === x ? 'x' : 'bluesky'] ?? fake.settings
  const credentials = fake.credentials ? { ...fake.credentials, service: proxy.baseUrl } : undefined
  return {
    ...fake,
    server: { baseUrl: proxy.baseUrl },
    settings,
    instanceUrl: proxy.baseUrl,
    credentials,
    publishPath: fake.publishPath,
  }
}

const owner = await User.create({
  fullName: 'Faults',
  email: `faults-${Date.now()}@example.com`,
  password: 'bench bench bench',
  locale: 'en',
  timezone: 'UTC',
})
const workspace = await createWorkspace({ user: owner, name: 'Faults', timezone: 'UTC' })
const accounts = []
for (const [network, fake] of [
  ['mastodon', mastodon],
  ['bluesky', bluesky],
  ['x', x],
] as const) {
  const connected = await connectThroughFake(
    await plugins.get(network),
    throughProxy(fake, proxies[network]) as any
  )
  if (connected.status !== 'ok') throw new Error(`connect ${network}: ${JSON.stringify(connected)}`)
  accounts.push(
    ...(await saveConnections({
      workspaceId: workspace.id,
      network,
      connections: connected.value,
      userId: owner.id,
    }))
  )
}

// --- the worker process -----------------------------------------------------------------
const workerEnv = {
  ...process.env,
  OUTBOUND_ALLOW_PRIVATE: userNamed.join(','),
  BENCH_PUBLISHING: JSON.stringify({
    leaseMs: 8000,
    backoffBaseMs: 500,
    backoffMaxMs: 4000,
    networkBusyRetryMs: 250,
    reconcileEveryMs: 2000,
    reconcileGraceMs: 1000,
    msPerNetworkSecond: 1000,
  }),
  BENCH_PLUGINS: JSON.stringify({
    timeoutMs: 1500,
    settings: { ...pluginsConfig.settings, ...pluginSettings },
  }),
}
let worker: ChildProcess | null = null
let restarts = 0
function startWorker() {
  const child = spawn(process.execPath, ['--import', '@poppinss/ts-exec', 'bench/_worker.ts'], {
    cwd: ROOT,
    env: workerEnv,
    stdio: ['ignore', 'ignore', 'inherit'],
  })
  worker = child
  return child
}
process.on('exit', () => worker?.kill('SIGKILL'))

// --- schedule --------------------------------------------------------------------------------
const t0 = Date.now()
const start = t0 + 15_000 + POSTS * 1.5
const dueOf = (i: number) => start + Math.floor((i / POSTS) * SPREAD_MS)
await scheduleInBulk({ owner, workspace, accounts }, POSTS, dueOf, 'f')
log(
  `${POSTS} posts scheduled (3 networks) in ${((Date.now() - t0) / 1000).toFixed(1)} s, due over ${SPREAD_MS / 1000} s from +${((start - Date.now()) / 1000).toFixed(1)} s`
)
startWorker()

// --- faults, on a timeline over the spread ---------------------------------------------------
const at = (share: number) => start + share * SPREAD_MS
const events: { at: number; run: () => Promise<void> | void }[] = []
for (let k = 1; k <= KILLS; k++) {
  events.push({
    at: at(k / (KILLS + 1)),
    run: async () => {
      worker?.kill('SIGKILL')
      log(`worker SIGKILLed (${k}/${KILLS})`)
      await sleep(1000)
      startWorker()
      restarts++
    },
  })
}
events.push({
  at: at(0.45),
  run: async () =>
    log(`Redis flushed: ${await flushPrefix()} keys under ${process.env.QUEUE_PREFIX}:`),
})
events.push({
  at: at(0.25),
  run: () => {
    for (const p of Object.values(proxies)) p.faultRate = FAULT_RATE
    log(`networks now fail ${FAULT_RATE * 100}% of create-post requests`)
  },
})
events.push({
  at: at(0.75),
  run: () => {
    for (const p of Object.values(proxies)) p.faultRate = 0
    log('networks healthy again')
  },
})
events.sort((a, b) => a.at - b.at)
for (const event of events) {
  await sleep(Math.max(0, event.at - Date.now()))
  await event.run()
}

// --- settle --------------------------------------------------------------------------------
const FINAL = ['published', 'failed', 'unknown', 'cancelled']
const deadline = Date.now() + SPREAD_MS + SETTLE_MS
let open = Infinity
while (Date.now() < deadline) {
  open = Number((await db.from('deliveries').whereNotIn('status', FINAL).count('* as n'))[0].n)
  if (open === 0) break
  await sleep(2000)
}
log(open === 0 ? 'every delivery is final' : `${open} deliveries still not final at the deadline`)
await new Promise<void>((resolve) => {
  if (!worker || worker.exitCode !== null) return resolve()
  worker.once('exit', () => resolve())
  worker.kill('SIGTERM')
  setTimeout(() => worker?.kill('SIGKILL'), 10_000).unref()
})

// --- tally -------------------------------------------------------------------------------------
const rows = await db
  .from('deliveries')
  .join('posts', 'posts.id', 'deliveries.post_id')
  .select(
    'deliveries.network',
    'deliveries.status',
    'deliveries.last_error',
    'deliveries.attempts',
    'posts.body'
  )
const tally = {
  published: 0,
  failed: 0,
  unknown: 0,
  lost: 0,
  duplicated: 0,
  noReason: 0,
  failedButArrived: 0,
}
const reasons = new Map<string, number>()
const examples: string[] = []
await pool(rows, 1, async (row: any) => {
  const n = Number(/n=(\d+)/.exec(row.body)![1])
  const arrived = proxies[row.network as keyof typeof proxies].created.get(n)?.size ?? 0
  if (arrived > 1) {
    tally.duplicated++
    examples.push(`duplicated: n=${n} on ${row.network} ×${arrived} (${row.status})`)
  }
  if (row.status === 'published') {
    if (arrived === 0) {
      tally.lost++
      examples.push(`published but never arrived: n=${n} on ${row.network}`)
    } else tally.published++
  } else if (row.status === 'failed' || row.status === 'unknown') {
    tally[row.status as 'failed' | 'unknown']++
    if (!row.last_error) tally.noReason++
    if (row.status === 'failed' && arrived > 0) {
      tally.failedButArrived++
      examples.push(`failed but arrived: n=${n} on ${row.network}: ${row.last_error}`)
    }
    const reason = `${row.status}: ${String(row.last_error ?? 'no reason')
      .replace(/\d+/g, '#')
      .slice(0, 90)}`
    reasons.set(reason, (reasons.get(reason) ?? 0) + 1)
  } else {
    tally.lost++
    examples.push(`not final: n=${n} on ${row.network} is ${row.status}`)
  }
})

const faults = Object.values(proxies).reduce(
  (sum, p) => ({
    '500': sum['500'] + p.faults['500'],
    '429': sum['429'] + p.faults['429'],
    'timeout': sum.timeout + p.faults.timeout,
    'lost': sum.lost + p.faults.lost,
  }),
  { '500': 0, '429': 0, 'timeout': 0, 'lost': 0 }
)
console.log(
  `\nfault run — ${rows.length} deliveries over ${SPREAD_MS / 1000} s; worker SIGKILLed ${KILLS}× (restarted ${restarts}×); Redis prefix flushed once`
)
console.log(
  `  injected: ${faults['500']}× 500, ${faults['429']}× 429, ${faults.timeout}× timeout, ${faults.lost}× lost answer (rate ${FAULT_RATE} during the middle half)`
)
console.log(
  `  lost ${tally.lost} · duplicated ${tally.duplicated} · published ${tally.published} · failed ${tally.failed} · unknown ${tally.unknown}`
)
console.log(
  `  without a reason ${tally.noReason} · "failed" that did arrive ${tally.failedButArrived}`
)
if (reasons.size)
  console.log(
    `  reasons:\n${[...reasons]
      .sort((a, b) => b[1] - a[1])
      .slice(0, 12)
      .map(([r, c]) => `    ${String(c).padStart(5)}  ${r}`)
      .join('\n')}`
  )
if (examples.length)
  console.log(
    `  examples:\n${examples
      .slice(0, 15)
      .map((e) => `    ${e}`)
      .join('\n')}`
  )
const bad = tally.lost + tally.duplicated + tally.noReason + tally.failedButArrived
const accounted = tally.published + tally.failed + tally.unknown
console.log(
  bad === 0 && accounted === rows.length
    ? '\nGOAL MET: 0 lost, 0 duplicated, every delivery accounted for with a reason'
    : '\nGOAL MISSED'
)

await Promise.all([
  ...Object.values(proxies).map((p) => p.close()),
  mastodon.close(),
  bluesky.close(),
  x.close(),
])
await app.terminate()
process.exit(bad === 0 && accounted === rows.length ? 0 : 1)
