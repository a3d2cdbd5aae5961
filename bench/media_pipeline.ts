/**
 * Media pipeline throughput (issue 5): the library's image path — content sniffing, header
 * checks, full decode and EXIF-free re-encode, SHA-256, Drive storage, the database row, the
 * `media` queue and the worker's thumbnail job — against raw sharp doing the same two image
 * operations (re-encode, 480 px WebP thumbnail) on the same files, in the same run, with the
 * same number in flight (the media queue's concurrency).
 *
 *   node --import=@poppinss/ts-exec bench/media_pipeline.ts [--images=24] [--size=2400x1800] [--rounds=2]
 *
 * Uses its own SQLite file, data folder (tmp/bench/media*), Redis database 9 and queue
 * prefix. Goal: pipeline / raw ≥ 0.9.
 */
import { mkdirSync, rmSync } from 'node:fs'
import { writeFile } from 'node:fs/promises'
import { join } from 'node:path'
import { performance } from 'node:perf_hooks'
import { spawnSync } from 'node:child_process'

const ROOT = new URL('../', import.meta.url).pathname
const TMP = join(ROOT, 'tmp/bench')
const arg = (name: string, fallback: string) =>
  process.argv.find((a) => a.startsWith(`--${name}=`))?.split('=')[1] ?? fallback
const IMAGES = Number(arg('images', '24'))
const [WIDTH, HEIGHT] = arg('size', '2400x1800').split('x').map(Number)
const ROUNDS = Number(arg('rounds', '2'))

process.env.NODE_ENV ??= 'development'
process.env.DB_CONNECTION = 'sqlite'
process.env.SQLITE_PATH = join(TMP, 'media.sqlite3')
process.env.DATA_DIR = join(TMP, 'media-data')
process.env.REDIS_DB = process.env.BENCH_REDIS_DB ?? '9'
process.env.QUEUE_PREFIX = 'pistache-bench-media'
process.env.LOG_LEVEL = 'warn'
process.env.APP_KEY ??= 'bench-only-key-0123456789abcdef0123456789abcdef'
process.env.HOST ??= '127.0.0.1'
process.env.PORT ??= '3399'
rmSync(process.env.DATA_DIR, { recursive: true, force: true })
rmSync(process.env.SQLITE_PATH, { force: true })
mkdirSync(join(TMP, 'media-in'), { recursive: true })
const migrate = spawnSync(process.execPath, ['ace.js', 'migration:fresh', '--force'], {
  cwd: ROOT,
  env: process.env,
  encoding: 'utf8',
})
if (migrate.status !== 0) throw new Error(migrate.stderr || migrate.stdout)

const { createIgnitor } = await import('../bin/ignite.js')
const app = createIgnitor().createApp('console')
await app.init()
await app.boot()
await app.start(async () => {})

const { default: sharp } = await import('sharp')
const { default: redis } = await import('@adonisjs/redis/services/main')
const { default: MediaAsset } = await import('#models/media_asset')
const { default: User } = await import('#models/user')
const { createWorkspace } = await import('#actions/workspaces/create_workspace')
const { ingestFile } = await import('#services/media/ingest')
const { WorkerRunner } = await import('#queue/worker_runner')
const { jobs } = await import('#jobs/main')
const config = app.config.get<any>('media')
const queueConfig = app.config.get<any>('queue')
const inFlight: number = queueConfig.queues.media.concurrency

/** Photo-like inputs: smooth gradients plus grain, with EXIF, as a phone would send. */
async function makeImages() {
  const paths: string[] = []
  for (let i = 0; i < IMAGES; i++) {
    const svg = `<svg xmlns="http://www.w3.org/2000/svg" width="${WIDTH}" height="${HEIGHT}"><defs><linearGradient id="g" x1="0" y1="0" x2="1" y2="1"><stop offset="0" stop-color="hsl(${(i * 37) % 360},70%,60%)"/><stop offset="1" stop-color="hsl(${(i * 37 + 120) % 360},60%,40%)"/></linearGradient></defs><rect width="100%" height="100%" fill="url(#g)"/><circle cx="${WIDTH / 2}" cy="${HEIGHT / 2}" r="${HEIGHT / 3}" fill="white" fill-opacity="0.3"/></svg>`
    const grain = await sharp({
      create: {
        width: WIDTH,
        height: HEIGHT,
        channels: 3,
        background: '#808080',
        noise: { type: 'gaussian', mean: 128, sigma: 18 },
      },
    })
      .png()
      .toBuffer()
    const path = join(TMP, 'media-in', `photo-${i}.jpg`)
    await sharp(Buffer.from(svg))
      .composite([{ input: grain, blend: 'soft-light' }])
      .withExif({ IFD0: { Make: 'Bench' } })
      .jpeg({ quality: 88 })
      .toFile(path)
    paths.push(path)
  }
  return paths
}

/** Runs `task` over `items` with `limit` in flight. */
async function pool<T>(items: T[], limit: number, task: (item: T) => Promise<unknown>) {
  let next = 0
  await Promise.all(
    Array.from({ length: limit }, async () => {
      while (next < items.length) await task(items[next++])
    })
  )
}

async function raw(paths: string[]) {
  const out = join(TMP, 'media-raw')
  mkdirSync(out, { recursive: true })
  const started = performance.now()
  await pool(paths, inFlight, async (path) => {
    const encoded = join(out, `${Math.random()}.jpg`)
    await sharp(path, { limitInputPixels: config.maxImagePixels, failOn: 'truncated' })
      .rotate()
      .jpeg({ quality: 90 })
      .toFile(encoded)
    await sharp(encoded)
      .rotate()
      .resize(config.thumbnailSize, config.thumbnailSize, {
        fit: 'inside',
        withoutEnlargement: true,
      })
      .webp({ quality: 78 })
      .toFile(`${encoded}.webp`)
  })
  const seconds = (performance.now() - started) / 1000
  rmSync(out, { recursive: true, force: true })
  return paths.length / seconds
}

async function pipeline(paths: string[], workspaceId: number, userId: number) {
  const runner = new WorkerRunner({
    manager: await app.container.make('queue'),
    registry: jobs,
    logger: await app.container.make('logger'),
    redis: redis.connection(),
    queues: ['media'],
  })
  await runner.start()
  const started = performance.now()
  const ids: number[] = []
  // Uploads arrive `inFlight` at a time while the worker drains the queue.
  await pool(paths, inFlight, async (path) => {
    const copy = `${path}.${Math.random()}.upload`
    await writeFile(copy, await import('node:fs/promises').then((fs) => fs.readFile(path)))
    const asset = await ingestFile(
      { path: copy, name: 'photo.jpg' },
      { workspaceId, userId, config }
    )
    ids.push(asset.id)
    rmSync(copy, { force: true })
  })
  for (;;) {
    const pending = await MediaAsset.query()
      .whereIn('id', ids)
      .where('status', 'processing')
      .count('* as total')
      .first()
    if (Number(pending?.$extras.total ?? 0) === 0) break
    await new Promise((resolve) => setTimeout(resolve, 5))
  }
  const seconds = (performance.now() - started) / 1000
  await runner.stop()
  const failed = await MediaAsset.query().whereIn('id', ids).where('status', 'failed')
  if (failed.length) throw new Error(`${failed.length} assets failed: ${failed[0].failureReason}`)
  return paths.length / seconds
}

const paths = await makeImages()
const owner = await User.create({
  fullName: 'Bench',
  email: `bench-${Date.now()}@example.com`,
  password: 'bench password 123',
  locale: 'en',
  timezone: 'UTC',
})
const workspace = await createWorkspace({ user: owner, name: 'Bench', timezone: 'UTC' })
await raw(paths.slice(0, inFlight)) // warm libvips
console.log(
  `${IMAGES} JPEG ${WIDTH}×${HEIGHT}, ${inFlight} in flight, sharp.concurrency=${sharp.concurrency()}`
)
const results: { raw: number; pipeline: number }[] = []
for (let round = 1; round <= ROUNDS; round++) {
  const rawRate = await raw(paths)
  const pipeRate = await pipeline(paths, workspace.id, owner.id)
  results.push({ raw: rawRate, pipeline: pipeRate })
  console.log(
    `round ${round}: raw sharp ${rawRate.toFixed(2)} img/s · pipeline ${pipeRate.toFixed(2)} img/s · ratio ${(pipeRate / rawRate).toFixed(3)}`
  )
}
const best = (key: 'raw' | 'pipeline') => Math.max(...results.map((r) => r[key]))
const ratio = best('pipeline') / best('raw')
console.log(
  `best: raw ${best('raw').toFixed(2)} img/s · pipeline ${best('pipeline').toFixed(2)} img/s · ratio ${ratio.toFixed(3)} (goal ≥ 0.9) ${ratio >= 0.9 ? 'PASS' : 'BELOW GOAL'}`
)
await redis.flushdb()
await app.terminate()
process.exit(0)
