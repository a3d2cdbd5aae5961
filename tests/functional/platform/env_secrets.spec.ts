import { test } from '@japa/runner'
import { spawnSync } from 'node:child_process'
import { createHash } from 'node:crypto'
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { fileURLToPath } from 'node:url'
import app from '@adonisjs/core/services/app'

const probe = fileURLToPath(new URL('./_env_secret_probe.ts', import.meta.url))
const FILE_KEY = 'key-from-the-file-0123456789abcdef0123456789ab'
const ENV_KEY = 'key-from-the-environment-0123456789abcdef012345'

const fingerprint = (key: string) => createHash('sha256').update(key).digest('hex')

/**
 * Runs a child process with no APP_KEY nor PG_PASSWORD anywhere but where the case puts them:
 * the test's own environment (loaded from .env.test) is kept, minus those settings, and
 * ENV_PATH points at an empty folder so no .env file supplies one.
 */
function run(args: string[], keySettings: Record<string, string>, envDir: string) {
  const {
    APP_KEY: _key,
    APP_KEY_FILE: _file,
    DATA_DIR: _dataDir,
    PG_PASSWORD: _password,
    PG_PASSWORD_FILE: _passwordFile,
    ...inherited
  } = process.env
  return spawnSync(process.execPath, args, {
    cwd: app.makePath(),
    env: { ...inherited, ENV_PATH: envDir, ...keySettings },
    encoding: 'utf8',
    timeout: 60_000,
  })
}

const probeKey = (keySettings: Record<string, string>, envDir: string) =>
  run(['--import=@poppinss/ts-exec', probe], keySettings, envDir)

/** The PG_PASSWORD the app ends up with (a key is given: only the password is under test). */
const probePassword = (settings: Record<string, string>, envDir: string) =>
  run(
    ['--import=@poppinss/ts-exec', probe, 'PG_PASSWORD'],
    { APP_KEY: ENV_KEY, ...settings },
    envDir
  )

test.group('Platform / APP_KEY from a key file', (group) => {
  let dir: string
  group.each.setup(() => {
    dir = mkdtempSync(join(tmpdir(), 'pistache-app-key-'))
    return () => rmSync(dir, { recursive: true, force: true })
  })

  test('an ace command finds the key in APP_KEY_FILE when APP_KEY is unset', async ({ assert }) => {
    const keyFile = join(dir, 'app.key')
    writeFileSync(keyFile, `${FILE_KEY}\n`)

    const command = run(['ace.js', 'tokens:revoke', '--help'], { APP_KEY_FILE: keyFile }, dir)
    assert.equal(command.status, 0, command.stderr)
    assert.include(command.stdout, 'tokens:revoke')

    const loaded = probeKey({ APP_KEY_FILE: keyFile }, dir)
    assert.equal(loaded.status, 0, loaded.stderr)
    assert.equal(loaded.stdout.trim(), fingerprint(FILE_KEY))
  }).timeout(120_000)

  test('the default key file is $DATA_DIR/.app_key', async ({ assert }) => {
    writeFileSync(join(dir, '.app_key'), FILE_KEY)

    const loaded = probeKey({ DATA_DIR: dir }, dir)
    assert.equal(loaded.status, 0, loaded.stderr)
    assert.equal(loaded.stdout.trim(), fingerprint(FILE_KEY))
  }).timeout(60_000)

  test('APP_KEY set in the environment or a .env file wins over the key file', async ({
    assert,
  }) => {
    writeFileSync(join(dir, '.app_key'), FILE_KEY)

    const fromEnvironment = probeKey({ DATA_DIR: dir, APP_KEY: ENV_KEY }, dir)
    assert.equal(fromEnvironment.status, 0, fromEnvironment.stderr)
    assert.equal(fromEnvironment.stdout.trim(), fingerprint(ENV_KEY))

    writeFileSync(join(dir, '.env'), `APP_KEY=${ENV_KEY}\n`)
    const fromDotEnv = probeKey({ DATA_DIR: dir }, dir)
    assert.equal(fromDotEnv.status, 0, fromDotEnv.stderr)
    assert.equal(fromDotEnv.stdout.trim(), fingerprint(ENV_KEY))
  }).timeout(120_000)

  test('without a key nor a key file, stops with a message naming both', async ({ assert }) => {
    const missing = probeKey({ DATA_DIR: dir }, dir)
    assert.notEqual(missing.status, 0)
    assert.include(missing.stderr, 'Missing environment variable "APP_KEY"')
    assert.include(missing.stderr, join(dir, '.app_key'))

    writeFileSync(join(dir, '.app_key'), '\n')
    const empty = probeKey({ DATA_DIR: dir }, dir)
    assert.notEqual(empty.status, 0)
    assert.include(empty.stderr, 'is empty')
  }).timeout(120_000)
})

/**
 * compose.yml passes no database password when .env sets none: the postgres service generates
 * one into the secrets volume and every app process reads it from PG_PASSWORD_FILE.
 */
test.group('Platform / PG_PASSWORD from PG_PASSWORD_FILE', (group) => {
  let dir: string
  group.each.setup(() => {
    dir = mkdtempSync(join(tmpdir(), 'pistache-pg-password-'))
    return () => rmSync(dir, { recursive: true, force: true })
  })
  const FILE_PASSWORD = 'generated-on-first-start-0123456789'

  test('an empty PG_PASSWORD is read from PG_PASSWORD_FILE', async ({ assert }) => {
    const file = join(dir, 'pg_password')
    writeFileSync(file, `${FILE_PASSWORD}\n`)

    const loaded = probePassword({ PG_PASSWORD: '', PG_PASSWORD_FILE: file }, dir)
    assert.equal(loaded.status, 0, loaded.stderr)
    assert.equal(loaded.stdout.trim(), fingerprint(FILE_PASSWORD))
  }).timeout(60_000)

  test('PG_PASSWORD set wins over the file; neither set means no password', async ({ assert }) => {
    const file = join(dir, 'pg_password')
    writeFileSync(file, FILE_PASSWORD)

    const chosen = probePassword(
      { PG_PASSWORD: 'chosen-by-the-admin', PG_PASSWORD_FILE: file },
      dir
    )
    assert.equal(chosen.status, 0, chosen.stderr)
    assert.equal(chosen.stdout.trim(), fingerprint('chosen-by-the-admin'))

    const none = probePassword({}, dir)
    assert.equal(none.status, 0, none.stderr)
    assert.equal(none.stdout.trim(), 'none')
  }).timeout(120_000)

  test('a missing or empty password file stops with a message naming it', async ({ assert }) => {
    const file = join(dir, 'pg_password')
    const missing = probePassword({ PG_PASSWORD_FILE: file }, dir)
    assert.notEqual(missing.status, 0)
    assert.include(missing.stderr, 'PG_PASSWORD_FILE')
    assert.include(missing.stderr, file)

    writeFileSync(file, '\n')
    const empty = probePassword({ PG_PASSWORD_FILE: file }, dir)
    assert.notEqual(empty.status, 0)
    assert.include(empty.stderr, 'is empty')
  }).timeout(120_000)
})
