import { mkdirSync } from 'node:fs'
import { isAbsolute, join } from 'node:path'
import env from '#start/env'
import app from '@adonisjs/core/services/app'

/**
 * The folder that holds everything the embedded install keeps on disk
 * (SQLite file, local media, the dev mail outbox). Created on first use because
 * better-sqlite3 does not create parent folders.
 */
export function dataPath(...parts: string[]) {
  const configured = env.get('DATA_DIR', 'data')
  const root = isAbsolute(configured) ? configured : app.makePath(configured)
  const target = join(root, ...parts)
  mkdirSync(parts.length ? join(target, '..') : target, { recursive: true })
  return target
}
