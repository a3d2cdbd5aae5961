/**
 * Secrets from the environment or, when a variable is unset, from a file.
 *
 * Docker generates two secrets on first start and keeps them in volumes: the APP_KEY (the app's
 * entry point, into the data volume) and the PostgreSQL password (the postgres service, into the
 * secrets volume). Every process that shares those volumes (web, worker, `docker compose exec web
 * node ace …`, `docker compose run`) must find the same values without an entry point having
 * exported them, so the app reads the files itself. Used only by start/env.ts, where the
 * environment is read.
 */
import { readFileSync } from 'node:fs'
import { isAbsolute, join, resolve } from 'node:path'
import { fileURLToPath } from 'node:url'
import { Secret } from '@adonisjs/core/helpers'

/** Relative paths are relative to the app root. */
const fromRoot = (appRoot: URL, path: string) =>
  isAbsolute(path) ? path : resolve(fileURLToPath(appRoot), path)

/** `APP_KEY_FILE`, else `$DATA_DIR/.app_key`. */
export function appKeyFilePath(appRoot: URL) {
  return fromRoot(
    appRoot,
    process.env.APP_KEY_FILE || join(process.env.DATA_DIR || 'data', '.app_key')
  )
}

/** The file's first line; errors name the variable, the file and what to set instead. */
function readSecretFile(key: string, file: string, fileVariable: string) {
  let contents: string
  try {
    contents = readFileSync(file, 'utf8').trim()
  } catch (error) {
    const reason = (error as NodeJS.ErrnoException).code ?? String(error)
    throw new Error(
      reason === 'ENOENT'
        ? `Missing environment variable "${key}" (and no file at ${file}: set ${key}, or ${fileVariable} to the file that holds it)`
        : `Cannot read the ${key} file ${file} (${reason})`
    )
  }
  if (!contents) throw new Error(`The ${key} file ${file} is empty`)
  return new Secret(contents)
}

/** An env schema rule for APP_KEY: the variable's own value wins, the key file is the fallback. */
export function appKeyFromEnvOrFile(appRoot: URL) {
  return function validate(key: string, value?: string) {
    if (value) return new Secret(value)
    return readSecretFile(key, appKeyFilePath(appRoot), 'APP_KEY_FILE')
  }
}

/**
 * An env schema rule for an optional secret (PG_PASSWORD): the variable's own value wins, then
 * the file named by `fileVariable` (PG_PASSWORD_FILE) when that is set; otherwise none.
 */
export function optionalSecretFromEnvOrFile(appRoot: URL, fileVariable: string) {
  return function validate(key: string, value?: string) {
    if (value) return new Secret(value)
    const file = process.env[fileVariable]
    if (!file) return undefined
    return readSecretFile(key, fromRoot(appRoot, file), fileVariable)
  }
}
