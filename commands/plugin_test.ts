import { existsSync } from 'node:fs'
import { join } from 'node:path'
import { BaseCommand, args, flags } from '@adonisjs/core/ace'
import type { CommandOptions } from '@adonisjs/core/types/ace'
import { invalidPluginId } from './make_plugin.js'

/**
 * One plugin's tests — the conformance kit and its own unit tests — without the web app: no
 * HTTP server, no Vite, no migrations, no database, no Redis (a plugin only talks to its fake
 * over HTTP, so nothing of the app's state is read, written or flushed). Seconds, where
 * `node ace test unit --files=…` boots and migrates the whole app first.
 */
export default class PluginTest extends BaseCommand {
  static commandName = 'plugin:test'
  static description = "Run one network plugin's conformance kit and tests, without booting the app"
  static help = [
    'Runs plugins/<id>/tests/**/*.spec.ts (the functional folder excepted: it needs the app).',
    'Example: node ace plugin:test telegram',
  ]
  // The plugin and the SDK import nothing from the app: no provider, database or queue to start.
  static options: CommandOptions = { startApp: false, staysAlive: true }

  @args.string({ description: 'Plugin id (its folder under plugins/)' })
  declare id: string

  @flags.string({ description: 'Only the test with this exact title' })
  declare tests?: string

  async run() {
    const invalid = invalidPluginId(this.id)
    const folder = join(this.app.makePath('plugins'), this.id ?? '')
    if (invalid || !existsSync(join(folder, 'tests'))) {
      this.logger.error(invalid ?? `plugins/${this.id}/tests does not exist`)
      this.exitCode = 1
      return
    }
    process.env.NODE_ENV = 'test'
    const { configure, run } = await import('@japa/runner')
    const { assert } = await import('@japa/assert')
    configure({
      files: [`plugins/${this.id}/tests/**/*.spec.ts`, `!plugins/${this.id}/tests/functional/**`],
      plugins: [assert()],
      timeout: 30_000,
      filters: this.tests ? { tests: [this.tests] } : {},
      cwd: this.app.makePath(),
    })
    const started = Date.now()
    await run()
    this.exitCode = Number(process.exitCode ?? 0)
    this.logger.info(`plugin:test ${this.id} took ${((Date.now() - started) / 1000).toFixed(1)} s`)
    // Fakes and media hosts are closed by the kit; nothing else keeps the process alive.
    process.exit(this.exitCode)
  }
}
