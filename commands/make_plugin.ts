import { existsSync } from 'node:fs'
import { mkdir, writeFile } from 'node:fs/promises'
import { dirname, isAbsolute, join, relative } from 'node:path'
import { BaseCommand, args, flags } from '@adonisjs/core/ace'
import type { CommandOptions } from '@adonisjs/core/types/ace'
import type { PluginsConfig } from '#config/plugins'

const AUTH_KINDS = ['oauth2', 'credentials', 'token', 'instance_oauth'] as const
type AuthKind = (typeof AUTH_KINDS)[number]

/** Starts with a letter so every name derived from it (demoAuth, FakeDemo) is a valid identifier. */
const ID_PATTERN = /^[a-z][a-z0-9]*(?:-[a-z0-9]+)*$/

/**
 * The files of a plugin, from stubs/make/plugin/. Stubs are rendered by Tempura into a
 * JavaScript template literal: stub text must hold no backtick, "${" or backslash.
 */
const STUBS = (auth: AuthKind) => [
  'index.stub',
  'urls.stub',
  `auth/${auth}.stub`,
  'capabilities.stub',
  'options.stub',
  'publish.stub',
  'stats.stub',
  'fake/server.stub',
  'tests/conformance.stub',
]

/** Why an id cannot be used, or null when it can. */
export function invalidPluginId(id: string | undefined) {
  if (!id) return 'a plugin id is required'
  if (id.length > 40) return `"${id}" is longer than 40 characters`
  if (!ID_PATTERN.test(id)) {
    return `"${id}" is not a valid plugin id: use lowercase letters, digits and single dashes, starting with a letter (e.g. "pinterest", "google-business")`
  }
  return null
}

const words = (id: string) => id.split('-')
const capitalise = (word: string) => word.charAt(0).toUpperCase() + word.slice(1)

/** Names the stubs derive from the id: demo-net → demoNet, DemoNet, DEMO_NET. */
export function pluginNames(id: string) {
  const [first, ...rest] = words(id)
  return {
    camel: first + rest.map(capitalise).join(''),
    pascal: words(id).map(capitalise).join(''),
    constant: id.replace(/-/g, '_').toUpperCase(),
  }
}

export default class MakePlugin extends BaseCommand {
  static commandName = 'make:plugin'
  static description =
    'Create a network plugin skeleton in plugins/<id>/ (contract, fake network, conformance test)'
  static help = [
    'Writes index.ts, auth.ts, urls.ts, capabilities.ts, options.ts, publish.ts, stats.ts, fake/server.ts',
    "and tests/conformance.spec.ts. The author's work is marked TODO(<id>); everything compiles.",
    '',
    '{{ binaryName }} make:plugin pinterest --name="Pinterest" --auth=oauth2',
  ]
  static options: CommandOptions = {}

  @args.string({ description: 'Plugin id: lowercase letters, digits and dashes (the folder name)' })
  declare id: string

  @flags.string({ description: 'Display name shown in the app (default: the id in title case)' })
  declare name?: string

  @flags.string({ description: `How accounts connect: ${AUTH_KINDS.join(' | ')} (default oauth2)` })
  declare auth?: string

  @flags.string({
    description: 'Plugins folder to write into (default: the root in config/plugins.ts)',
  })
  declare root?: string

  async run() {
    const problem = this.#validate()
    if (problem) return this.#refuse(problem)

    const auth = (this.auth ?? 'oauth2') as AuthKind
    const root = await this.#pluginsRoot()
    const dir = join(root, this.id)
    if (existsSync(dir))
      return this.#refuse(
        `${this.#show(dir)} already exists; make:plugin never overwrites a plugin`
      )

    const displayName = this.name?.trim() || words(this.id).map(capitalise).join(' ')
    const state = {
      id: this.id,
      ...pluginNames(this.id),
      displayName,
      displayNameLiteral: `'${displayName.replace(/\\/g, '\\\\').replace(/'/g, "\\'")}'`,
      auth,
      dir,
    }

    // Render every file before writing any, so a failure leaves no half-made plugin behind.
    const manager = await this.app.stubs.create()
    const files = []
    for (const stubPath of STUBS(auth)) {
      const stub = await manager.build(`make/plugin/${stubPath}`, {
        source: this.app.makePath('stubs'),
      })
      files.push(await stub.prepare(state))
    }
    // Formatted as the project's lint wants it, so a fresh plugin passes `npm run lint` as it is.
    const prettier = await import('prettier')
    for (const file of files) {
      const options = await prettier.resolveConfig(file.destination)
      const formatted = await prettier.format(file.contents, {
        ...options,
        filepath: file.destination,
      })
      await mkdir(dirname(file.destination), { recursive: true })
      await writeFile(file.destination, formatted)
      this.logger.action(`create ${this.#show(file.destination)}`).succeeded()
    }

    if (relative(this.app.makePath(), dir).startsWith('..')) {
      this.logger.warning(
        'the plugin is outside the project: its #sdk imports resolve only inside it'
      )
    }
    this.logger.info(`Next: fill the TODO(${this.id}) markers, then run the kit with`)
    this.logger.log(`  node ace plugin:test ${this.id}`)
  }

  #validate() {
    const idProblem = invalidPluginId(this.id)
    if (idProblem) return idProblem
    if (this.auth !== undefined && !AUTH_KINDS.includes(this.auth as AuthKind)) {
      return `--auth must be one of ${AUTH_KINDS.join(', ')} (got "${this.auth}")`
    }
    if (
      this.name !== undefined &&
      (!this.name.trim() ||
        this.name.length > 60 ||
        // The name is written into generated source: no control characters, no end of comment.
        // eslint-disable-next-line no-control-regex
        /[\u0000-\u001f]|\*\//.test(this.name))
    ) {
      return '--name must be 1 to 60 printable characters, without "*/"'
    }
    return null
  }

  /** --root, else config/plugins.ts's root (read from the file: this command does not start the app). */
  async #pluginsRoot() {
    if (this.root) return isAbsolute(this.root) ? this.root : this.app.makePath(this.root)
    const loaded = this.app.config?.get<PluginsConfig | undefined>('plugins')
    return (loaded ?? (await import('#config/plugins')).default).root
  }

  #show(path: string) {
    const fromApp = relative(this.app.makePath(), path)
    return fromApp.startsWith('..') ? path : fromApp
  }

  #refuse(message: string) {
    this.logger.error(message)
    this.exitCode = 1
  }
}
