/**
 * APP_KEY from the environment or, when it is unset, from a key file.
 *
 * The Docker entry point generates a key into the data volume on first start; every process
 * that shares the volume (web, worker, `docker compose exec web node ace …`, `docker compose
 * run`) must find the same key without the entry point having exported it, so the app reads
 * the file itself. Used only by start/env.ts, where the environment is read.
 */
import { readFileSync } from 'node:fs'
import { isAbsolute, join, resolve } from 'node:path'
import { fileURLToPath } from 'node:url'
import { Secret } from '@adonisjs/core/helpers'

/** `APP_KEY_FILE`, else `$DATA_DIR/.app_key`; relative paths are relative to the app root. */
export function appKeyFilePath(appRoot: URL) {
  const configured = process.env.APP_KEY_FILE || join(process.env.DATA_DIR || 'data', '.app_key')
  return isAbsolute(configured) ? configured : resolve(fileURLToPath(appRoot), configured)
}

/** An env schema rule: the variable's own value wins, the key file is the fallback. */
export function appKeyFromEnvOrFile(appRoot: URL) {
  return function validate(key: string, value?: string) {
    if (value) return new Secret(value)
    const file = appKeyFilePath(appRoot)
    let contents: string
    try {
      contents = readFileSync(file, 'utf8').trim()
    } catch (error) {
      const reason = (error as NodeJS.ErrnoException).code ?? String(error)
      throw new Error(
        reason === 'ENOENT'
          ? `Missing environment variable "${key}" (and no key file at ${file}: set ${key}, or APP_KEY_FILE to the file that holds it)`
          : `Cannot read the ${key} file ${file} (${reason})`
      )
    }
    if (!contents) throw new Error(`The ${key} file ${file} is empty`)
    return new Secret(contents)
  }
}
