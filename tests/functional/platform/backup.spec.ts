import { test } from '@japa/runner'
import { mkdir, readFile, rm, writeFile } from 'node:fs/promises'
import { join } from 'node:path'
import ace from '@adonisjs/core/services/ace'
import app from '@adonisjs/core/services/app'
import db from '@adonisjs/lucid/services/db'
import { localMediaRoot } from '#config/drive'
import AuditLog from '#models/audit_log'
import User from '#models/user'
import Workspace from '#models/workspace'
import WorkspaceMember from '#models/workspace_member'
import { allTables } from '#services/backup/database_state'
import { listFiles } from '#services/backup/media_folder'
import { extractZip, sha256OfFile, writeZip } from '#services/backup/zip_archive'
import { openSecret, sealSecret } from '#services/token_vault'
import { truncateAllTables, withCleanState } from '#tests/helpers/database'

const archivePath = () => app.makePath('tmp', 'backup-test', `backup-${process.pid}.zip`)

/** Every row of every table (ordered), and every media file's bytes: what a restore must bring back. */
async function snapshot() {
  const tables: Record<string, unknown[]> = {}
  for (const table of (await allTables()).sort()) {
    const rows = await db.from(table).select('*')
    tables[table] = rows
      .map((row) =>
        JSON.stringify(row, (_key, value) => (value instanceof Date ? value.toISOString() : value))
      )
      .sort()
  }
  const media: Record<string, string> = {}
  for (const [name, path] of await listFiles(localMediaRoot))
    media[name] = (await readFile(path)).toString('base64')
  return { tables, media }
}

async function seed() {
  const workspace = await Workspace.create({ name: 'Acme Agency', slug: 'acme-agency' })
  const user = await User.create({
    fullName: 'Ada Lovelace',
    email: 'ada@example.com',
    password: 'correct horse battery',
    currentWorkspaceId: workspace.id,
  })
  await WorkspaceMember.create({ workspaceId: workspace.id, userId: user.id, role: 'owner' })
  await AuditLog.create({
    action: 'backup.test',
    actorId: user.id,
    meta: { token: sealSecret('network-token-1', 'backup-test'), text: 'héllo "quoted"\nline' },
  })
  await mkdir(join(localMediaRoot, 'assets', '1'), { recursive: true })
  await writeFile(
    join(localMediaRoot, 'assets', '1', 'original.jpg'),
    Buffer.from([0xff, 0xd8, 0, 1, 2, 255])
  )
  await writeFile(join(localMediaRoot, 'top.txt'), 'top level file')
}

async function wipeMedia() {
  await rm(localMediaRoot, { recursive: true, force: true })
  await mkdir(localMediaRoot, { recursive: true })
}

async function run(command: string, argv: string[]) {
  ace.ui.logger.flushLogs()
  const result = await ace.exec(command, argv)
  return {
    exitCode: result.exitCode,
    log: ace.ui.logger
      .getLogs()
      .map((l) => l.message)
      .join('\n'),
  }
}

test.group('Platform / backup:create and backup:restore', (group) => {
  withCleanState(group)
  group.each.setup(async () => {
    ace.ui.switchMode('raw')
    await wipeMedia()
    await rm(app.makePath('tmp', 'backup-test'), { recursive: true, force: true })
    return async () => {
      ace.ui.switchMode('normal')
      await wipeMedia()
    }
  })

  test('create, wipe, restore: every row, media file and encrypted secret comes back', async ({
    assert,
  }) => {
    await seed()
    const before = await snapshot()

    const created = await run('backup:create', [`--output=${archivePath()}`])
    assert.equal(created.exitCode, 0, created.log)
    assert.match(created.log, /backup written to/)

    // Everything goes, and something new appears that the restore must drop.
    await truncateAllTables()
    await wipeMedia()
    await Workspace.create({ name: 'Made after the backup', slug: 'after' })
    await writeFile(join(localMediaRoot, 'after.txt'), 'not in the backup')

    const restored = await run('backup:restore', [archivePath(), '--force'])
    assert.equal(restored.exitCode, 0, restored.log)

    assert.deepEqual(await snapshot(), before)
    const log = await AuditLog.findByOrFail('action', 'backup.test')
    assert.equal(openSecret(log.meta!.token as string, 'backup-test'), 'network-token-1')
    // Ids continue after the restored ones (PostgreSQL sequences are moved past them).
    const next = await Workspace.create({ name: 'Next', slug: 'next' })
    assert.isAbove(
      next.id,
      Math.max(...(await Workspace.all()).filter((w) => w.id !== next.id).map((w) => w.id))
    )
  }).timeout(60_000)

  test('without --force an install with data is left alone', async ({ assert }) => {
    await seed()
    assert.equal((await run('backup:create', [`--output=${archivePath()}`])).exitCode, 0)
    await Workspace.create({ name: 'Made after the backup', slug: 'after' })
    const before = await snapshot()

    const restored = await run('backup:restore', [archivePath()])

    assert.equal(restored.exitCode, 1)
    assert.match(restored.log, /restore refused, nothing was changed: .*already has data.*--force/)
    assert.deepEqual(await snapshot(), before)
  }).timeout(60_000)

  test('an empty install is restored without --force', async ({ assert }) => {
    await seed()
    const before = await snapshot()
    assert.equal((await run('backup:create', [`--output=${archivePath()}`])).exitCode, 0)
    await truncateAllTables()
    await wipeMedia()

    const restored = await run('backup:restore', [archivePath()])

    assert.equal(restored.exitCode, 0, restored.log)
    assert.deepEqual(await snapshot(), before)
  }).timeout(60_000)

  test('a damaged or foreign archive is refused before anything changes', async ({ assert }) => {
    await seed()
    assert.equal((await run('backup:create', [`--output=${archivePath()}`])).exitCode, 0)
    await Workspace.create({ name: 'Made after the backup', slug: 'after' })
    const before = await snapshot()
    const bytes = await readFile(archivePath())

    const cut = `${archivePath()}.cut.zip`
    await writeFile(cut, bytes.subarray(0, Math.floor(bytes.length * 0.6)))
    // Same entries, one media file altered after the fact: the archive opens, a checksum differs.
    const tampered = `${archivePath()}.tampered.zip`
    const unpacked = app.makePath('tmp', 'backup-test', 'unpacked')
    const entries = await extractZip(archivePath(), unpacked)
    await writeFile(join(unpacked, 'media', 'top.txt'), 'altered')
    const files = new Map(
      [...entries.keys()]
        .filter((name) => name !== 'manifest.json')
        .map((name) => [name, join(unpacked, name)])
    )
    const manifest = await readFile(join(unpacked, 'manifest.json'))
    await writeZip(tampered, files, new Map([['manifest.json', manifest]]))
    const foreign = `${archivePath()}.txt`
    await writeFile(foreign, 'not an archive at all')

    for (const path of [cut, tampered, foreign]) {
      const restored = await run('backup:restore', [path, '--force'])
      assert.equal(restored.exitCode, 1, path)
      assert.match(restored.log, /restore refused, nothing was changed/, restored.log)
      assert.deepEqual(await snapshot(), before, path)
    }
  }).timeout(60_000)

  test('a backup made with another APP_KEY than the one in the environment is refused', async ({
    assert,
  }) => {
    await seed()
    assert.equal((await run('backup:create', [`--output=${archivePath()}`])).exitCode, 0)
    const unpacked = app.makePath('tmp', 'backup-test', 'unpacked')
    const entries = await extractZip(archivePath(), unpacked)
    await writeFile(join(unpacked, 'app_key'), 'another-key-0123456789abcdef0123456789ab')
    const manifest = JSON.parse(await readFile(join(unpacked, 'manifest.json'), 'utf8'))
    manifest.checksums.app_key = await sha256OfFile(join(unpacked, 'app_key'))
    const otherKey = `${archivePath()}.other-key.zip`
    const files = new Map(
      [...entries.keys()]
        .filter((name) => name !== 'manifest.json')
        .map((name) => [name, join(unpacked, name)])
    )
    await writeZip(
      otherKey,
      files,
      new Map([['manifest.json', Buffer.from(JSON.stringify(manifest))]])
    )
    await truncateAllTables()
    await wipeMedia()

    const restored = await run('backup:restore', [otherKey, '--force'])

    assert.equal(restored.exitCode, 1)
    assert.match(restored.log, /another APP_KEY than the one set in this environment/)
    assert.notInclude(restored.log, 'another-key-0123456789')
    assert.lengthOf(await Workspace.all(), 0)
  }).timeout(60_000)
})
