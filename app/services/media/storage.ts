import { createReadStream, createWriteStream } from 'node:fs'
import { rm } from 'node:fs/promises'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { randomUUID } from 'node:crypto'
import { pipeline } from 'node:stream/promises'
import { Readable } from 'node:stream'
import app from '@adonisjs/core/services/app'
import { configProvider } from '@adonisjs/core'
import { DriveManager, type Disk } from 'flydrive'
import driveConfig from '#config/drive'
import { dataPath } from '#config/paths'
import env from '#start/env'

/**
 * The media disk, built from config/drive.ts on first use. The Drive provider is not
 * needed: nothing is served by Drive's own routes (files go through the media routes,
 * which check membership or a signature).
 */
// `any`: the disks are named in config/drive.ts at run time; Disk is what callers use.
let manager: Promise<DriveManager<any>> | undefined

async function drive() {
  manager ??= configProvider.resolve<any>(app, driveConfig).then((resolved) => {
    if (!resolved) throw new Error('config/drive.ts must use defineConfig')
    return new DriveManager(resolved.config)
  })
  return manager
}

export async function mediaDisk(): Promise<Disk> {
  return (await drive()).use()
}

/**
 * Where a key lives on the local disk, or null when media is stored elsewhere (S3). Drive
 * streams whole files only; the media route reads byte ranges from this path itself.
 */
export function localMediaPath(key: string): string | null {
  if (env.get('MEDIA_DISK', 'local') !== 'local') return null
  return join(dataPath('media'), key)
}

const EXTENSIONS: Record<string, string> = {
  'image/jpeg': 'jpg',
  'image/png': 'png',
  'image/webp': 'webp',
  'image/gif': 'gif',
  'video/mp4': 'mp4',
  'video/quicktime': 'mov',
  'video/webm': 'webm',
}

export function extensionFor(mimeType: string) {
  return EXTENSIONS[mimeType] ?? 'bin'
}

/** Server-made keys: the workspace, a role folder and a random name. No user input reaches a path. */
export function newKey(
  workspaceId: number,
  role: 'originals' | 'thumbnails' | 'variants',
  mimeType: string
) {
  return `w${workspaceId}/${role}/${randomUUID()}.${extensionFor(mimeType)}`
}

export function tempPath(suffix = '') {
  return join(tmpdir(), `pistache-media-${randomUUID()}${suffix}`)
}

export async function putFile(key: string, path: string, contentType: string) {
  const disk = await mediaDisk()
  await disk.putStream(key, createReadStream(path), { contentType, visibility: 'private' })
}

/** Copies a stored object to a local temporary file (ffmpeg and ffprobe need a path). */
export async function downloadToTemp(key: string, suffix = '') {
  const disk = await mediaDisk()
  const path = tempPath(suffix)
  try {
    await pipeline(
      Readable.from(await disk.getStream(key)),
      createWriteStream(path, { mode: 0o600 })
    )
  } catch (error) {
    await rm(path, { force: true })
    throw error
  }
  return path
}

/** Deletes stored objects, ignoring ones already gone. */
export async function deleteKeys(keys: (string | null | undefined)[]) {
  const disk = await mediaDisk()
  await Promise.all(
    [...new Set(keys.filter((key): key is string => !!key))].map((key) =>
      disk.delete(key).catch(() => {})
    )
  )
}

export async function removeTemp(...paths: (string | null | undefined)[]) {
  await Promise.all(
    paths.filter((path): path is string => !!path).map((path) => rm(path, { force: true }))
  )
}
