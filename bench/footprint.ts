/**
 * Footprint: idle RSS of the web process and of the worker, from the production build,
 * after boot and after a publish burst, beside raw Node processes measured in the same run
 * (an idle node:http server; an idle BullMQ Worker). Goals (issue 22): web ≤ 160 MB; worker
 * ≤ 120 MB idle (after boot) and ≤ 150 MB after the burst.
 *
 *   node --import @poppinss/ts-exec bench/footprint.ts [--posts=300] [--requests=300] [--no-build] [--build-timeout-s=900]
 *
 * The build is made in a copy of the working tree under tmp/bench/footprint (node_modules
 * linked), so the project's own build/ and anyone's dev server are left alone. The burst is
 * published through the real Mastodon plugin against its fake, run by this process.
 *
 * The "web" and "worker" rows run the exact command lines bin/start ships (node flags read
 * from it, so a change there is what gets measured); the "plain node" rows run the same
 * entry points without any flag, so the effect of the flags stays visible.
 */
import { spawn, spawnSync, type ChildProcess } from 'node:child_process'
import { existsSync, mkdirSync, readFileSync, rmSync, symlinkSync } from 'node:fs'
import { setTimeout as sleep } from 'node:timers/promises'
import { ROOT, TMP } from './_lib/env.js'
import { flags, finish, fmt, goal, ratio, waitUntil } from './_lib/util.js'
import { bootApp, flushPrefix, prepareDatabase, scheduleInBulk } from './_lib/app.js'

const f = flags()
const POSTS = f.num('posts', 300)
const REQUESTS = f.num('requests', 300)
const COPY = `${TMP}/footprint`
const PORT = 3397

/** The node flags bin/start puts before an entry point (e.g. `--max-semi-space-size=1`). */
function shippedFlags(entry: string) {
  const script = readFileSync(`${ROOT}bin/start`, 'utf8')
  const line = new RegExp(
    // A line of its own (`node … build/x.js`) or a supervised process (`"web=$node_bin … build/x.js"`).
    `(?:^\\s*node|=\\$node_bin)((?:\\s+--\\S+)*)\\s+build/${entry.replace(/[.]/g, '\\.')}\\b`,
    'm'
  ).exec(script)
  if (!line) throw new Error(`bin/start has no \`node … build/${entry}\` line`)
  return line[1].trim().split(/\s+/).filter(Boolean)
}
const WEB_FLAGS = shippedFlags('bin/server.js')
const WORKER_FLAGS = shippedFlags('ace.js queue:work')

const rssMb = (pid: number) => {
  const status = readFileSync(`/proc/${pid}/status`, 'utf8')
  return Number(/VmRSS:\s+(\d+)/.exec(status)![1]) / 1024
}
/** RSS after the process has been left alone for `ms` (GC settles), median of 5 reads. */
async function idleRss(pid: number, ms = 3000) {
  await sleep(ms)
  const reads = []
  for (let i = 0; i < 5; i++) {
    reads.push(rssMb(pid))
    await sleep(200)
  }
  return reads.sort((a, b) => a - b)[2]
}

// --- production build in a copy ------------------------------------------------------
if (!f.bool('no-build') || !existsSync(`${COPY}/build/bin/server.js`)) {
  rmSync(COPY, { recursive: true, force: true })
  mkdirSync(COPY, { recursive: true })
  const copy = spawnSync(
    'rsync',
    [
      '-a',
      '--exclude=/node_modules',
      '--exclude=/build',
      '--exclude=/tmp',
      '--exclude=/data',
      '--exclude=/.git',
      '--exclude=/.tools',
      `${ROOT}`,
      `${COPY}/`,
    ],
    { encoding: 'utf8' }
  )
  if (copy.status !== 0) throw new Error(`rsync: ${copy.stderr}`)
  symlinkSync(`${ROOT}node_modules`, `${COPY}/node_modules`)
  const t0 = Date.now()
  const build = spawnSync(process.execPath, ['ace.js', 'build', '--ignore-ts-errors'], {
    cwd: COPY,
    env: process.env,
    encoding: 'utf8',
    timeout: f.num('build-timeout-s', 900) * 1000,
  })
  if (build.status !== 0 || !existsSync(`${COPY}/build/bin/server.js`))
    throw new Error(`build failed:\n${build.stdout}\n${build.stderr}`)
  console.log(`production build in ${((Date.now() - t0) / 1000).toFixed(1)} s (${COPY}/build)`)
}
const BUILD = `${COPY}/build`
const prodEnv = {
  ...process.env,
  NODE_ENV: 'production',
  PORT: String(PORT),
  HOST: '127.0.0.1',
  COOKIE_SECURE: 'false',
  LOG_LEVEL: 'warn',
}

await prepareDatabase()
const app = await bootApp()
await flushPrefix()

const children: ChildProcess[] = []
process.on('exit', () => children.forEach((child) => child.kill('SIGKILL')))
function start(args: string[], cwd = BUILD, env = prodEnv) {
  const child = spawn(process.execPath, args, { cwd, env, stdio: ['ignore', 'ignore', 'inherit'] })
  children.push(child)
  return child
}
async function stop(child: ChildProcess) {
  child.kill('SIGTERM')
  await Promise.race([new Promise((resolve) => child.once('exit', resolve)), sleep(30_000)])
  if (child.exitCode === null) child.kill('SIGKILL')
}

// --- raw baselines, same run -------------------------------------------------------------
const rawHttp = start(
  [
    '-e',
    `require('node:http').createServer((q, s) => s.end('ok')).listen(${PORT + 1}, '127.0.0.1')`,
  ],
  ROOT
)
const connection = JSON.stringify({
  host: '127.0.0.1',
  port: Number(process.env.REDIS_PORT),
  db: Number(process.env.REDIS_DB),
  maxRetriesPerRequest: null,
})
const rawWorker = start(
  [
    '--input-type=module',
    '-e',
    `import { Worker } from 'bullmq'; new Worker('bench-raw-idle', async () => {}, { connection: ${connection}, prefix: ${JSON.stringify(process.env.QUEUE_PREFIX)} })`,
  ],
  ROOT
)
const [rawHttpMb, rawWorkerMb] = await Promise.all([idleRss(rawHttp.pid!), idleRss(rawWorker.pid!)])
await Promise.all([stop(rawHttp), stop(rawWorker)])

// --- web + worker from the build ---------------------------------------------------------
// The Mastodon fake stands for an instance users name: the processes may reach exactly its
// address (the outbound policy refuses loopback otherwise, in production as everywhere).
const { FakeMastodon } = await import('#plugins/mastodon/fake/server')
const fake = await FakeMastodon.start()
Object.assign(prodEnv, { OUTBOUND_ALLOW_PRIVATE: new URL(fake.server.baseUrl).host })
const web = start([...WEB_FLAGS, 'bin/server.js'])
const worker = start([...WORKER_FLAGS, 'ace.js', 'queue:work', '--queues=publish'])
// The same entry points without bin/start's node flags: what the flags buy. Not counted
// against the goals. The plain web server listens on the next port and gets the same requests.
const plainWorker = start(['ace.js', 'queue:work', '--queues=publish'])
const plainWeb = start(['bin/server.js'], BUILD, { ...prodEnv, PORT: String(PORT + 2) })
const healthy = (port: number) => async () =>
  (await fetch(`http://127.0.0.1:${port}/health`).catch(() => null))?.status === 200
await waitUntil(healthy(PORT), 60_000, 200, 'web /health')
await waitUntil(healthy(PORT + 2), 60_000, 200, 'plain web /health')
const [webBoot, workerBoot, plainBoot, plainWebBoot] = await Promise.all(
  [web, worker, plainWorker, plainWeb].map((child) => idleRss(child.pid!, 5000))
)

// --- publish burst (Mastodon fake) + web traffic -------------------------------------------
const { connectThroughFake } = await import('#sdk/testing/connect')
const { default: plugins } = await import('#services/plugins')
const { saveConnections } = await import('#actions/channels/save_connections')
const { default: User } = await import('#models/user')
const { createWorkspace } = await import('#actions/workspaces/create_workspace')
const { default: db } = await import('@adonisjs/lucid/services/db')
const owner = await User.create({
  fullName: 'Footprint',
  email: `fp-${Date.now()}@example.com`,
  password: 'bench bench bench',
  locale: 'en',
  timezone: 'UTC',
})
const workspace = await createWorkspace({ user: owner, name: 'Footprint', timezone: 'UTC' })
const connected = await connectThroughFake(await plugins.get('mastodon'), fake)
if (connected.status !== 'ok') throw new Error(`connect: ${JSON.stringify(connected)}`)
const accounts = await saveConnections({
  workspaceId: workspace.id,
  network: 'mastodon',
  connections: connected.value,
  userId: owner.id,
})
const due = Date.now() + 1000
await scheduleInBulk({ owner, workspace, accounts }, POSTS, () => due, 'fp')
const paths = ['/health', '/login', '/register']
for (let i = 0; i < REQUESTS; i++) {
  for (const port of [PORT, PORT + 2])
    await fetch(`http://127.0.0.1:${port}${paths[i % paths.length]}`)
      .then((r) => r.arrayBuffer())
      .catch(() => {})
}
const published = async () =>
  Number((await db.from('deliveries').where('status', 'published').count('* as n'))[0].n)
await waitUntil(
  async () => (await published()) >= POSTS,
  120_000 + POSTS * 200,
  250,
  'burst published'
)
const [webAfter, workerAfter, plainAfter, plainWebAfter] = await Promise.all(
  [web, worker, plainWorker, plainWeb].map((child) => idleRss(child.pid!, 5000))
)

await Promise.all([web, worker, plainWorker, plainWeb].map(stop))
await fake.close()

console.log(
  `\nfootprint (production build, RSS in MB; burst: ${POSTS} publishes, ${REQUESTS} web requests)`
)
console.log(`                      boot   after burst   raw baseline   ratio (after/raw)`)
const command = (nodeFlags: string[], entry: string) => ['node', ...nodeFlags, entry].join(' ')
console.log(
  `  web              ${fmt(webBoot).padStart(7)} ${fmt(webAfter).padStart(13)} ${fmt(rawHttpMb).padStart(14)}   ×${fmt(ratio(webAfter, rawHttpMb), 2)}  (${command(WEB_FLAGS, 'bin/server.js')}; raw: idle node:http)`
)
console.log(
  `  web, plain node  ${fmt(plainWebBoot).padStart(7)} ${fmt(plainWebAfter).padStart(13)} ${fmt(rawHttpMb).padStart(14)}   ×${fmt(ratio(plainWebAfter, rawHttpMb), 2)}  (node bin/server.js, no flags; informative)`
)
console.log(
  `  worker           ${fmt(workerBoot).padStart(7)} ${fmt(workerAfter).padStart(13)} ${fmt(rawWorkerMb).padStart(14)}   ×${fmt(ratio(workerAfter, rawWorkerMb), 2)}  (${command(WORKER_FLAGS, 'ace.js queue:work')}; raw: idle BullMQ Worker)`
)
console.log(
  `  worker, plain node ${fmt(plainBoot).padStart(5)} ${fmt(plainAfter).padStart(13)} ${fmt(rawWorkerMb).padStart(14)}   ×${fmt(ratio(plainAfter, rawWorkerMb), 2)}  (node ace.js queue:work, no flags; informative)`
)
console.log(
  '  (the burst is shared by both workers, the requests go to both web servers; raw baselines run with no flags)'
)
goal(
  'web ≤ 160 MB',
  Math.max(webBoot, webAfter) <= 160,
  `boot ${fmt(webBoot)} MB, after burst ${fmt(webAfter)} MB`
)
goal('worker ≤ 120 MB idle', workerBoot <= 120, `boot ${fmt(workerBoot)} MB`)
goal('worker ≤ 150 MB after the burst', workerAfter <= 150, `after burst ${fmt(workerAfter)} MB`)

const code = finish()
await app.terminate()
process.exit(code)
