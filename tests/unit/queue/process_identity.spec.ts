import { test } from '@japa/runner'
import { spawnSync } from 'node:child_process'
import { holderOf, isDead, leaseName, thisProcess } from '#queue/process_identity'

/** A pid that ran a moment ago and no longer does. */
function deadPid() {
  return spawnSync(process.execPath, ['-e', '0']).pid!
}

const holder = (parts: Partial<typeof thisProcess>) => {
  const { host, pid, boot, nonce } = { ...thisProcess, ...parts }
  return holderOf(`${host}:${pid}:${boot}:${nonce}/delivery:1:1`)!
}

test.group('Queue / lease holders', () => {
  test('a lease name says which process holds it; other formats belong to nobody', ({ assert }) => {
    const parsed = holderOf(leaseName('delivery:12:3.busy99'))
    assert.deepEqual(parsed, thisProcess)
    assert.isNull(holderOf('worker-a'))
    assert.isNull(holderOf('host:123:delivery:1:1'))
    assert.isNull(holderOf('host:abc:boot:nonce/job'))
  })

  test('on this machine a dead holder is told at once, before its heartbeat expires', ({
    assert,
  }) => {
    const live = (h: ReturnType<typeof holder>) => new Set([h.id])
    const gone = holder({ pid: deadPid(), nonce: 'earlier1' })
    assert.isTrue(isDead(gone, live(gone)))
    // The same pid again, in an earlier life (a restarted container): dead.
    const earlierSelf = holder({ nonce: 'earlier2' })
    assert.isTrue(isDead(earlierSelf, live(earlierSelf)))
    // Before a reboot: dead, whatever runs under its pid now.
    const beforeReboot = holder({ pid: process.ppid, boot: 'oldboot1' })
    assert.isTrue(isDead(beforeReboot, live(beforeReboot)))
    // A running process with a live heartbeat: alive.
    const sibling = holder({ pid: process.ppid, nonce: 'sibling1' })
    assert.isFalse(isDead(sibling, live(sibling)))
    assert.isFalse(isDead(thisProcess, new Set()))
  })

  test('elsewhere the heartbeat decides', ({ assert }) => {
    const remote = holder({ host: 'other-host', pid: 1, nonce: 'remote01' })
    assert.isFalse(isDead(remote, new Set([remote.id])))
    assert.isTrue(isDead(remote, new Set()))
  })
})
