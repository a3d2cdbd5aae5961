import { test } from '@japa/runner'
import { spawnApp } from '#tests/helpers/processes'

const sleeper = 'tests/unit/_sleeper.mjs'

function pidsOf(output: string, name: string) {
  return [...output.matchAll(new RegExp(`^${name} up (\\d+)$`, 'gm'))].map((m) => Number(m[1]))
}

function isAlive(pid: number) {
  try {
    process.kill(pid, 0)
    return true
  } catch {
    return false
  }
}

test.group('bin/start supervisor', () => {
  test('a crashed worker comes back with a growing delay; the web server is left alone; SIGTERM stops both', async ({
    assert,
    cleanup,
  }) => {
    const supervisor = spawnApp([
      'bin/supervise.ts',
      '--initial-backoff-ms=100',
      '--',
      `web=${process.execPath} ${sleeper} web`,
      `worker=${process.execPath} ${sleeper} worker`,
    ])
    cleanup(() => supervisor.kill('SIGKILL'))
    await supervisor.waitForOutput(/^web up \d+$/m)
    await supervisor.waitForOutput(/^worker up \d+$/m)
    const [web] = pidsOf(supervisor.output(), 'web')
    const [firstWorker] = pidsOf(supervisor.output(), 'worker')

    process.kill(firstWorker, 'SIGKILL')
    await supervisor.waitForOutput(/worker exited \(signal SIGKILL\); restarting in 0\.1 s/)
    await supervisor.waitForOutput(/^worker up \d+\n[\s\S]*^worker up \d+$/m)
    const [, secondWorker] = pidsOf(supervisor.output(), 'worker')
    assert.notEqual(secondWorker, firstWorker)
    assert.isTrue(isAlive(secondWorker))

    process.kill(secondWorker, 'SIGKILL')
    await supervisor.waitForOutput(/worker exited \(signal SIGKILL\); restarting in 0\.2 s/)
    await supervisor.waitForOutput(/(^worker up \d+$[\s\S]*){3}/m)
    assert.deepEqual(pidsOf(supervisor.output(), 'web'), [web])
    assert.isTrue(isAlive(web))

    supervisor.kill('SIGTERM')
    const { code } = await supervisor.exited
    assert.equal(code, 0, supervisor.output())
    const [, , thirdWorker] = pidsOf(supervisor.output(), 'worker')
    assert.match(supervisor.output(), new RegExp(`^web stopped ${web}$`, 'm'))
    assert.match(supervisor.output(), new RegExp(`^worker stopped ${thirdWorker}$`, 'm'))
    assert.isFalse(isAlive(web))
    assert.isFalse(isAlive(thirdWorker))
  }).timeout(60_000)
})
