import { readdir, readFile, rm, writeFile } from 'node:fs/promises'
import { join } from 'node:path'
import { tmpdir } from 'node:os'
import { randomUUID } from 'node:crypto'
import { deflateSync, crc32 } from 'node:zlib'
import { execFile } from 'node:child_process'
import { promisify } from 'node:util'
import app from '@adonisjs/core/services/app'
import sharp from 'sharp'
import type { QueueManager } from '#queue/queue_manager'
import { WorkerRunner } from '#queue/worker_runner'
import { jobs } from '#jobs/main'
import { dataPath } from '#config/paths'
import type { MediaConfig } from '#config/media'
import MediaAsset from '#models/media_asset'
import { capturingLogger, waitFor } from '#tests/unit/queue/fixtures'
import redis from '@adonisjs/redis/services/main'

const run = promisify(execFile)

export function mediaConfig() {
  return app.config.get<MediaConfig>('media')
}

/** Every stored object under the local media disk (relative paths). */
export async function storedFiles(): Promise<string[]> {
  const root = dataPath('media')
  const entries = await readdir(root, { recursive: true, withFileTypes: true }).catch(() => [])
  return entries
    .filter((entry) => entry.isFile())
    .map((entry) => join(entry.parentPath, entry.name).slice(root.length + 1))
}

export async function clearMediaDisk() {
  await rm(dataPath('media'), { recursive: true, force: true })
}

/** A photo with EXIF including a GPS position, as a phone would write it. */
export function jpegWithGps(width = 640, height = 480) {
  return sharp({ create: { width, height, channels: 3, background: { r: 200, g: 120, b: 40 } } })
    .withExif({
      IFD0: { Make: 'PhoneCo', Model: 'P1' },
      IFD3: {
        GPSLatitudeRef: 'N',
        GPSLatitude: '48/1 51/1 24/1',
        GPSLongitudeRef: 'E',
        GPSLongitude: '2/1 21/1 3/1',
      },
    })
    .jpeg({ quality: 90 })
    .toBuffer()
}

/** Random pixels: hard to compress, so a large canvas really is many bytes. */
export async function noisyPng(width: number, height: number) {
  const raw = Buffer.alloc(width * height * 3)
  for (let i = 0; i < raw.length; i++) raw[i] = ((i * 2654435761) >>> 24) ^ (i & 0xff)
  return sharp(raw, { raw: { width, height, channels: 3 } })
    .png({ compressionLevel: 1 })
    .toBuffer()
}

function chunk(type: string, data: Buffer) {
  const length = Buffer.alloc(4)
  length.writeUInt32BE(data.length)
  const body = Buffer.concat([Buffer.from(type, 'ascii'), data])
  const crc = Buffer.alloc(4)
  crc.writeUInt32BE(crc32(body))
  return Buffer.concat([length, body, crc])
}

/** A tiny PNG whose header declares width × height (a decompression bomb in waiting). */
export function pixelFloodPng(width = 50_000, height = 50_000) {
  const ihdr = Buffer.alloc(13)
  ihdr.writeUInt32BE(width, 0)
  ihdr.writeUInt32BE(height, 4)
  ihdr.writeUInt8(8, 8) // bit depth
  ihdr.writeUInt8(0, 9) // greyscale
  return Buffer.concat([
    Buffer.from('89504e470d0a1a0a', 'hex'),
    chunk('IHDR', ihdr),
    chunk('IDAT', deflateSync(Buffer.alloc(width + 1))),
    chunk('IEND', Buffer.alloc(0)),
  ])
}

async function ffmpeg(args: string[], ext: string) {
  const path = join(tmpdir(), `pistache-fixture-${randomUUID()}.${ext}`)
  await run(mediaConfig().ffmpegPath, ['-nostdin', '-y', '-v', 'error', ...args, path])
  const bytes = await readFile(path)
  await rm(path, { force: true })
  return bytes
}

/** A short H.264/AAC MP4 with a test pattern and a tone. */
export function smallVideo(seconds = 2, size = '320x240') {
  return ffmpeg(
    [
      '-f',
      'lavfi',
      '-i',
      `testsrc=duration=${seconds}:size=${size}:rate=15`,
      '-f',
      'lavfi',
      '-i',
      `sine=frequency=440:duration=${seconds}`,
      '-c:v',
      'libx264',
      '-preset',
      'ultrafast',
      '-pix_fmt',
      'yuv420p',
      '-c:a',
      'aac',
      '-shortest',
      '-metadata',
      'location=+48.8566+002.3522/',
      '-f',
      'mp4',
    ],
    'mp4'
  )
}

/** An MP4 container with a sound track and no picture at all. */
export function audioOnlyMp4() {
  return ffmpeg(
    ['-f', 'lavfi', '-i', 'sine=frequency=440:duration=1', '-c:a', 'aac', '-f', 'mp4'],
    'mp4'
  )
}

export async function writeTemp(bytes: Buffer, ext: string) {
  const path = join(tmpdir(), `pistache-fixture-${randomUUID()}.${ext}`)
  await writeFile(path, bytes)
  return path
}

/** A real worker on the app's queues (media only), as `queue:work --queues=media` runs it. */
export async function startMediaWorker() {
  const manager = (await app.container.make('queue')) as QueueManager
  const { logger, entries } = capturingLogger()
  const runner = new WorkerRunner({
    manager,
    registry: jobs,
    logger,
    redis: redis.connection(),
    queues: ['media'],
    heartbeat: { ttlMs: 2000, intervalMs: 500 },
  })
  await runner.start()
  return { runner, logs: entries }
}

export async function waitForStatus(
  id: number,
  statuses: string[] = ['ready', 'failed'],
  timeoutMs = 20_000
): Promise<MediaAsset> {
  return waitFor<MediaAsset | null>(
    async () => {
      const asset = await MediaAsset.find(id)
      return asset && statuses.includes(asset.status) ? asset : null
    },
    timeoutMs,
    100
  ) as Promise<MediaAsset>
}

/** Multipart upload of one or several files as the library page sends it. */
export function upload(
  client: any,
  slug: string,
  user: any,
  files: { name: string; bytes: Buffer }[]
) {
  let request = client.post(`/w/${slug}/media`).loginAs(user).withCsrfToken().redirects(0)
  for (const file of files) request = request.file('files', file.bytes, { filename: file.name })
  return request
}
