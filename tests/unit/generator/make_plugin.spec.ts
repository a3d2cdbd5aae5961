import { test } from '@japa/runner'
import { existsSync } from 'node:fs'
import { mkdir, mkdtemp, readdir, readFile, rm, writeFile } from 'node:fs/promises'
import { join, relative } from 'node:path'
import { pathToFileURL } from 'node:url'
import ts from 'typescript'
import ace from '@adonisjs/core/services/ace'
import app from '@adonisjs/core/services/app'
import { checkPost, type NetworkPlugin } from '#sdk'
import { connectThroughFake, contextFor } from '#sdk/testing/connect'
import type { FakeNetwork } from '#sdk/testing/fake_network'

const KINDS = ['oauth2', 'credentials', 'token', 'instance_oauth'] as const
const FILES = [
  'index.ts',
  'urls.ts',
  'auth.ts',
  'capabilities.ts',
  'options.ts',
  'publish.ts',
  'stats.ts',
  'fake/server.ts',
  'tests/conformance.spec.ts',
]

/**
 * A plugins root of its own, inside the project (tmp/ is git-ignored) so the generated
 * files resolve `#sdk` through package.json as a real plugin does.
 */
async function pluginsRoot(cleanup: (fn: () => Promise<void>) => void) {
  await mkdir(app.makePath('tmp'), { recursive: true })
  const root = await mkdtemp(join(app.makePath('tmp'), 'make-plugin-'))
  cleanup(() => rm(root, { recursive: true, force: true }))
  return root
}

const make = (root: string, id: string, ...flags: string[]) =>
  ace.exec('make:plugin', [id, `--root=${root}`, ...flags])

async function listFiles(dir: string): Promise<string[]> {
  const entries = await readdir(dir, { recursive: true, withFileTypes: true })
  return entries
    .filter((entry) => entry.isFile())
    .map((entry) => relative(dir, join(entry.parentPath, entry.name)))
}

/** Type errors in `files` (and global ones), under the project's own compiler options. */
function typeErrors(files: string[], under: string) {
  const config = ts.getParsedCommandLineOfConfigFile(
    app.makePath('tsconfig.json'),
    {},
    {
      ...ts.sys,
      onUnRecoverableConfigFileDiagnostic: (diagnostic) => {
        throw new Error(ts.flattenDiagnosticMessageText(diagnostic.messageText, '\n'))
      },
    }
  )!
  const program = ts.createProgram({
    rootNames: files,
    options: { ...config.options, noEmit: true },
  })
  return ts
    .getPreEmitDiagnostics(program)
    .filter((diagnostic) => !diagnostic.file || diagnostic.file.fileName.startsWith(under))
    .map((diagnostic) => {
      const message = ts.flattenDiagnosticMessageText(diagnostic.messageText, '\n')
      if (!diagnostic.file) return message
      const { line } = diagnostic.file.getLineAndCharacterOfPosition(diagnostic.start ?? 0)
      return `${relative(under, diagnostic.file.fileName)}:${line + 1} ${message}`
    })
}

test.group('make:plugin', (group) => {
  group.each.setup(() => {
    ace.ui.switchMode('raw')
    ace.ui.logger.flushLogs()
  })
  group.each.teardown(() => ace.ui.switchMode('normal'))

  test("writes the whole skeleton, named after the id, with the author's work marked TODO(<id>)", async ({
    assert,
    cleanup,
  }) => {
    const root = await pluginsRoot(cleanup)
    const command = await make(root, 'acme-social', '--name=Acme Social')
    command.assertSucceeded()

    const dir = join(root, 'acme-social')
    assert.sameMembers(await listFiles(dir), FILES)
    const index = await readFile(join(dir, 'index.ts'), 'utf8')
    assert.include(index, "id: 'acme-social'")
    assert.include(index, "displayName: 'Acme Social'")
    assert.include(await readFile(join(dir, 'auth.ts'), 'utf8'), "kind: 'oauth2'")
    assert.include(
      await readFile(join(dir, 'fake/server.ts'), 'utf8'),
      'export class FakeAcmeSocial implements FakeNetwork'
    )
    for (const file of FILES.filter((name) => !name.startsWith('tests/'))) {
      assert.include(
        await readFile(join(dir, file), 'utf8'),
        'TODO(acme-social):',
        `${file} marks the author's work`
      )
    }
    assert.include(
      await readFile(join(dir, 'publish.ts'), 'utf8'),
      "failed('publish is not written yet', false"
    )
    command.assertLogMatches(/node ace plugin:test acme-social/)
    // An OAuth network's app credentials are declared where the plugin lives (issue 24).
    assert.include(index, "env: 'ACME_SOCIAL_CLIENT_ID'")
    assert.match(
      index,
      /env: 'ACME_SOCIAL_CLIENT_SECRET',\s+setting: 'clientSecret',\s+kind: 'secret'/
    )
  }).timeout(30_000)

  test('every generated file is already formatted as the lint wants it', async ({
    assert,
    cleanup,
  }) => {
    const prettier = await import('prettier')
    const root = await pluginsRoot(cleanup)
    for (const kind of KINDS) {
      ;(await make(root, `fmt-${kind.replace('_', '-')}`, `--auth=${kind}`)).assertSucceeded()
    }
    for (const file of await listFiles(root)) {
      const path = join(root, file)
      const options = await prettier.resolveConfig(path)
      const formatted = await prettier.check(await readFile(path, 'utf8'), {
        ...options,
        filepath: path,
      })
      assert.isTrue(formatted, `${file} is not formatted`)
    }
  }).timeout(60_000)

  test("the generated TypeScript of every auth kind typechecks with the project's options", async ({
    assert,
    cleanup,
  }) => {
    const root = await pluginsRoot(cleanup)
    for (const kind of KINDS) {
      // A name with quotes and a backslash must still give valid TypeScript.
      ;(
        await make(
          root,
          `net-${kind.replace('_', '-')}`,
          `--auth=${kind}`,
          `--name=It's "${kind}" \\o/`
        )
      ).assertSucceeded()
    }
    // The kit's `assert` comes from @japa/assert's augmentation, which tests/bootstrap.ts loads for the suite.
    await writeFile(join(root, 'japa_assert.ts'), "import '@japa/assert'\n")
    const files = (await listFiles(root)).map((file) => join(root, file))
    assert.lengthOf(files, KINDS.length * FILES.length + 1)
    assert.deepEqual(typeErrors(files, root), [])
  }).timeout(60_000)

  test('out of the box: connect works through the fake, limits are checked, unwritten parts fail as values', async ({
    assert,
    cleanup,
  }) => {
    const root = await pluginsRoot(cleanup)
    for (const kind of KINDS) {
      const id = `out-${kind.replace('_', '-')}`
      ;(await make(root, id, `--auth=${kind}`)).assertSucceeded()
      const load = (file: string) => import(pathToFileURL(join(root, id, file)).href)
      const plugin: NetworkPlugin = (await load('index.ts')).default
      const fakeClass = Object.values(await load('fake/server.ts'))[0] as {
        start(): Promise<FakeNetwork>
      }
      const fake = await fakeClass.start()
      cleanup(() => fake.close())

      // A pasted key (`token`) is a credentials login without a session.
      assert.equal(plugin.auth.kind, kind === 'token' ? 'credentials' : kind)
      const connected = await connectThroughFake(plugin, fake)
      if (connected.status !== 'ok') return assert.fail(`${kind}: ${JSON.stringify(connected)}`)
      const { profile, token } = connected.value[0]
      assert.isTrue(fake.isTokenValid(token.accessToken), kind)

      const ctx = { ...contextFor(fake), account: profile, token }
      const tooLong = {
        text: 'a'.repeat(plugin.capabilities.text.limit + 1),
        media: [],
        options: {},
      }
      assert.include(
        checkPost(plugin, tooLong, profile).map((issue) => issue.code),
        'text_too_long'
      )
      const post = { text: 'Hello', media: [], options: {} }
      assert.deepInclude(await plugin.publish({ ...ctx, post, idempotencyKey: 'k1' }), {
        status: 'error',
        code: 'not_implemented',
      })
      assert.deepInclude(await plugin.fetchStats!(ctx, ['1']), {
        status: 'error',
        code: 'not_implemented',
      })
      assert.lengthOf(
        fake.server.requestsTo('POST', new RegExp(fake.publishPath)),
        0,
        'an unwritten publish calls nothing'
      )

      if (kind === 'token') {
        // Nothing expires, nothing to revoke: declared, and no hook to write.
        assert.deepEqual(plugin.capabilities.tokens, { expires: false, revocable: false })
        assert.isUndefined(plugin.auth.refresh)
        assert.isUndefined(plugin.auth.revoke)
        assert.isNull(token.expiresAt ?? null)
        continue
      }
      assert.equal((await plugin.auth.revoke!(ctx)).status, 'ok')
      assert.isFalse(fake.isTokenValid(token.accessToken), `${kind}: revoke ends the token`)
    }
  }).timeout(20_000)

  test('refuses a bad id or auth kind with a non-zero exit, and writes nothing', async ({
    assert,
    cleanup,
  }) => {
    const root = await pluginsRoot(cleanup)
    for (const id of ['Demo', 'my_net', '9lives', 'demo-', 'de--mo', 'a'.repeat(41), '../escape']) {
      ace.ui.logger.flushLogs()
      const command = await make(root, id)
      command.assertFailed()
      command.assertLogMatches(/not a valid plugin id|longer than 40/, 'stderr')
    }
    const badAuth = await make(root, 'demo', '--auth=oauth1')
    badAuth.assertFailed()
    badAuth.assertLogMatches(
      /--auth must be one of oauth2, credentials, token, instance_oauth/,
      'stderr'
    )
    assert.deepEqual(await readdir(root), [])
    assert.isFalse(existsSync(join(root, '..', 'escape')))
  })

  test('never overwrites: an existing plugin folder is refused and left as it was', async ({
    assert,
    cleanup,
  }) => {
    const root = await pluginsRoot(cleanup)
    await mkdir(join(root, 'taken'))
    await writeFile(join(root, 'taken', 'index.ts'), 'export default {}\n')

    const command = await make(root, 'taken', '--auth=credentials')
    command.assertFailed()
    command.assertLogMatches(
      /taken already exists; make:plugin never overwrites a plugin/,
      'stderr'
    )
    assert.deepEqual(await listFiles(join(root, 'taken')), ['index.ts'])
    assert.equal(await readFile(join(root, 'taken', 'index.ts'), 'utf8'), 'export default {}\n')

    // A second run over a freshly generated plugin is refused the same way.
    ;(await make(root, 'fresh')).assertSucceeded()
    await writeFile(join(root, 'fresh', 'publish.ts'), '// the author was here\n')
    ;(await make(root, 'fresh')).assertFailed()
    assert.equal(
      await readFile(join(root, 'fresh', 'publish.ts'), 'utf8'),
      '// the author was here\n'
    )
  })

  test('stub text avoids what Tempura would mangle (backticks, ${ and backslashes)', async ({
    assert,
  }) => {
    const stubsDir = app.makePath('stubs/make/plugin')
    const stubs = (await listFiles(stubsDir)).filter((file) => file.endsWith('.stub'))
    assert.isAbove(stubs.length, 0)
    for (const stub of stubs) {
      // Tempura renders a stub into a JavaScript template literal: these would end it, interpolate, or escape.
      const text = (await readFile(join(stubsDir, stub), 'utf8')).replace(/{{[^]*?}}}?/g, '')
      assert.notMatch(text, /[`\\]|\$\{/, stub)
    }
  })
})
