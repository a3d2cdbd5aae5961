import { randomUUID } from 'node:crypto'
import app from '@adonisjs/core/services/app'
import db from '@adonisjs/lucid/services/db'
import { MigrationRunner } from '@adonisjs/lucid/migration'
import plugins from '#services/plugins'
import { signupMode } from '#services/accounts/signup_policy'
import { mailIsUnsent } from '#services/mail_delivery'
import { mediaDisk } from '#services/media/storage'
import { mediaDisk as mediaDiskName } from '#config/drive'
import { appVersion } from '#queue/worker_heartbeat'

/**
 * What the instance settings page shows: how the install is set up (read-only: settings live
 * in `.env`), whether each network can be connected, and what is left to migrate. Never a
 * credential: only whether it is set.
 */
export async function instanceSettings() {
  const runner = new MigrationRunner(db, app, { direction: 'up', dryRun: true })
  const [migrations, networks] = await Promise.all([runner.getList(), networkSetup()])
  return {
    version: appVersion,
    node: process.versions.node,
    database: db.connection().dialect.name === 'postgres' ? 'postgresql' : 'sqlite',
    signupMode: signupMode(),
    mail: {
      transport: app.config.get<string>('mail.default', 'outbox'),
      unsent: mailIsUnsent(),
    },
    storage: mediaDiskName,
    pendingMigrations: migrations.filter((m) => m.status === 'pending').map((m) => m.name),
    appliedMigrations: migrations.filter((m) => m.status === 'migrated').length,
    networks,
  }
}

async function networkSetup() {
  const list = await plugins.enabled()
  return list
    .map((plugin) => {
      const missing = plugins.missingSetup(plugin)
      return {
        id: plugin.id,
        name: plugin.displayName,
        ready: missing.length === 0,
        // Variable names (e.g. X_CLIENT_ID), never their values.
        missing,
        // Each variable the network reads: a secret only says whether it is set.
        variables: plugins.variablesOf(plugin),
        consoleUrl: plugins.setupConsoleUrl(plugin),
      }
    })
    .sort((a, b) => a.name.localeCompare(b.name))
}

export type InstanceSettings = Awaited<ReturnType<typeof instanceSettings>>

/** Writes, reads back and deletes a small file on the media disk; says how long it took. */
export async function checkStorage(): Promise<
  { ok: true; ms: number } | { ok: false; error: string }
> {
  const started = performance.now()
  const key = `system-check/${randomUUID()}.txt`
  const content = `pistache storage check ${new Date().toISOString()}`
  try {
    const disk = await mediaDisk()
    await disk.put(key, content)
    const read = await disk.get(key)
    await disk.delete(key)
    if (read !== content)
      return { ok: false, error: 'the file read back differs from the one written' }
    return { ok: true, ms: Math.round(performance.now() - started) }
  } catch (error) {
    return { ok: false, error: (error as Error).message.slice(0, 300) }
  }
}
