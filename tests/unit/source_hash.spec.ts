import { test } from '@japa/runner'
import { execFileSync } from 'node:child_process'
import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import app from '@adonisjs/core/services/app'

/** bin/start rebuilds only when this hash changes: what must change it and what must not. */
test.group('bin/start / source hash (skip the build when nothing changed)', (group) => {
  let dir: string
  group.each.setup(() => {
    dir = mkdtempSync(join(tmpdir(), 'pistache-source-hash-'))
    for (const folder of ['app', 'data', 'tmp', 'build', 'node_modules/x', 'public/assets'])
      mkdirSync(join(dir, folder), { recursive: true })
    writeFileSync(join(dir, 'app/a.ts'), 'export const a = 1\n')
    writeFileSync(join(dir, 'package-lock.json'), '{}\n')
    return () => rmSync(dir, { recursive: true, force: true })
  })
  const hash = () =>
    execFileSync(process.execPath, [app.makePath('bin/source_hash.mjs')], {
      cwd: dir,
      encoding: 'utf8',
    }).trim()

  test('unchanged sources give the same hash, whatever the data, logs, build or settings', ({
    assert,
  }) => {
    const before = hash()
    assert.match(before, /^[0-9a-f]{64}$/)
    writeFileSync(join(dir, 'data/pistache.sqlite3'), 'rows')
    writeFileSync(join(dir, 'tmp/build.log'), 'log')
    writeFileSync(join(dir, 'build/server.js'), 'built')
    writeFileSync(join(dir, 'node_modules/x/index.js'), 'dep')
    writeFileSync(join(dir, 'public/assets/app.js'), 'bundle')
    writeFileSync(join(dir, '.env'), 'PORT=4000\n')
    assert.equal(hash(), before)
  })

  test('a changed, added or renamed source file, or a new lockfile, changes it', ({ assert }) => {
    const seen = new Set([hash()])
    const changed = (what: string) => {
      const now = hash()
      assert.isFalse(seen.has(now), what)
      seen.add(now)
    }
    writeFileSync(join(dir, 'app/a.ts'), 'export const a = 2\n')
    changed('edited file')
    writeFileSync(join(dir, 'app/b.ts'), 'export const b = 1\n')
    changed('added file')
    rmSync(join(dir, 'app/b.ts'))
    writeFileSync(join(dir, 'app/c.ts'), 'export const b = 1\n')
    changed('renamed file')
    writeFileSync(join(dir, 'package-lock.json'), '{"lockfileVersion":3}\n')
    changed('lockfile')
  })
})
