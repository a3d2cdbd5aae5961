import { test } from '@japa/runner'
import { mkdtemp, mkdir, rm, writeFile } from 'node:fs/promises'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import ace from '@adonisjs/core/services/ace'
import app from '@adonisjs/core/services/app'
import { discoverPlugins } from '../../../app/plugins_registry/discover_plugins.js'

const FAKE_PLUGIN = `
export default {
  id: 'fakenet',
  displayName: 'Fake Network',
  icon: '<svg/>',
  brandColor: '#123456',
  capabilities: { text: { limit: 280, counter: { id: 'graphemes' }, optionalWithMedia: false }, mixedMedia: false },
  defaults: { urls: {} },
  auth: { kind: 'credentials', fields: [], picker: false },
}
`

/** A plugins root of its own under the OS temp dir, swapped into config for the test. */
async function pluginsRoot(cleanup: (fn: () => Promise<void>) => void) {
  const root = await mkdtemp(join(tmpdir(), 'pistache-plugins-'))
  const original = app.config.get('plugins')
  app.config.set('plugins', { root, disabled: [] })
  cleanup(async () => {
    app.config.set('plugins', original)
    await rm(root, { recursive: true, force: true })
  })
  return root
}

async function writePlugin(root: string, id: string, source: string) {
  await mkdir(join(root, id), { recursive: true })
  await writeFile(join(root, id, 'index.ts'), source)
}

test.group('Platform / plugins:list', (group) => {
  group.each.setup(() => {
    ace.ui.switchMode('raw')
    ace.ui.logger.flushLogs()
  })
  group.each.teardown(() => ace.ui.switchMode('normal'))

  test('says so when no plugin is installed, and prints [] with --json', async ({
    assert,
    cleanup,
  }) => {
    await pluginsRoot(cleanup)

    const text = await ace.exec('plugins:list', [])
    text.assertSucceeded()
    text.assertLog('[ blue(info) ] no network plugins installed')

    ace.ui.logger.flushLogs()
    const json = await ace.exec('plugins:list', ['--json'])
    json.assertSucceeded()
    assert.deepEqual(JSON.parse(json.logger.getLogs()[0].message), [])
  })

  test('lists a plugin folder with its name, auth kind, capabilities and enabled state', async ({
    assert,
    cleanup,
  }) => {
    const root = await pluginsRoot(cleanup)
    await writePlugin(root, 'fakenet', FAKE_PLUGIN)
    await mkdir(join(root, 'not-a-plugin')) // no index file: ignored

    const json = await ace.exec('plugins:list', ['--json'])
    json.assertSucceeded()
    assert.deepEqual(JSON.parse(json.logger.getLogs()[0].message), [
      {
        id: 'fakenet',
        displayName: 'Fake Network',
        enabled: true,
        authKind: 'credentials',
        capabilities: {
          text: { limit: 280, counter: { id: 'graphemes' }, optionalWithMedia: false },
          mixedMedia: false,
        },
        config: [],
        problems: [],
      },
    ])

    app.config.set('plugins.disabled', ['fakenet'])
    ace.ui.logger.flushLogs()
    const table = await ace.exec('plugins:list', [])
    table.assertSucceeded()
    table.assertTableRows([['fakenet', 'Fake Network', 'no', 'credentials', '280', '—']])
  })

  test('discovery lists folders without importing them; a plugin is imported only when loaded', async ({
    assert,
    cleanup,
  }) => {
    const root = await pluginsRoot(cleanup)
    await writePlugin(root, 'broken', `throw new Error('imported too early')\nexport default {}\n`)
    await writePlugin(root, 'misnamed', `export default { id: 'other' }\n`)

    const entries = await discoverPlugins(root)
    assert.deepEqual(
      entries.map((entry) => entry.id),
      ['broken', 'misnamed']
    )
    await assert.rejects(() => entries[0].load(), /imported too early/)
    await assert.rejects(() => entries[1].load(), /id is "misnamed"/)
    assert.deepEqual(await discoverPlugins(join(root, 'missing')), [])
  })
})
