import { test } from '@japa/runner'
import { spawnSync } from 'node:child_process'
import { fileURLToPath } from 'node:url'
import app from '@adonisjs/core/services/app'

const probe = fileURLToPath(new URL('./_console_probe.ts', import.meta.url))

test.group('Platform / console environment (ace commands, queue worker)', () => {
  test('builds signed media URLs from the named routes, without the HTTP-only providers', async ({
    assert,
  }) => {
    const run = spawnSync(process.execPath, ['--import=@poppinss/ts-exec', probe], {
      cwd: app.makePath(),
      env: process.env,
      encoding: 'utf8',
      timeout: 60_000,
    })
    assert.equal(run.status, 0, run.stderr)
    const result = JSON.parse(run.stdout.trim().split('\n').at(-1)!)
    assert.equal(result.environment, 'console')
    assert.match(result.url, /\/media\/42\/public\?variant=instagram&signature=[\w.-]+$/)
    assert.deepEqual(result.httpOnlyBindings, [])
  }).timeout(90_000)
})
