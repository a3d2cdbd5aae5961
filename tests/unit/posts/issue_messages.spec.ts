import { test } from '@japa/runner'
import { readdir, readFile } from 'node:fs/promises'
import { join } from 'node:path'
import app from '@adonisjs/core/services/app'

/** Every non-test source file of the plugins and the SDK: where issues are emitted. */
async function sources() {
  const files: string[] = []
  for (const root of ['plugins', 'sdk']) {
    const entries = await readdir(app.makePath(root), { recursive: true, withFileTypes: true })
    for (const entry of entries) {
      const path = join(entry.parentPath, entry.name)
      if (entry.isFile() && path.endsWith('.ts') && !/\/(tests|fake|testing)\//.test(path))
        files.push(path)
    }
  }
  return files
}

const catalogue = async (lang: string) =>
  JSON.parse(await readFile(app.makePath(`resources/lang/${lang}/posts.json`), 'utf8'))

test.group('Posts / issue messages', () => {
  test('every issue code a plugin or the SDK emits has its message in English and French, with the rule it names', async ({
    assert,
  }) => {
    const emitted = new Set<string>()
    for (const file of await sources()) {
      const text = await readFile(file, 'utf8')
      for (const match of text.matchAll(
        /\{\s*code: '([a-z_]+)'(?:\s*\}|,\s*params: \{\s*(?:what: '([a-z_]+)')?)/g
      )) {
        emitted.add(match[1])
        // A plugin's own rule reported under a generic code (Instagram's hashtags) has a message of its own.
        if (match[2]) emitted.add(`${match[1]}_${match[2]}`)
      }
    }
    assert.includeMembers(
      [...emitted],
      ['text_too_long', 'option_required', 'text_too_long_hashtags', 'text_too_long_mentions']
    )
    for (const lang of ['en', 'fr']) {
      const issues = (await catalogue(lang)).issues as Record<string, string>
      const missing = [...emitted].filter((code) => !issues[code])
      assert.deepEqual(missing, [], `posts.issues in ${lang} lacks ${missing.join(', ')}`)
    }
    const [en, fr] = [await catalogue('en'), await catalogue('fr')]
    assert.sameMembers(Object.keys(fr.issues), Object.keys(en.issues))
    assert.sameMembers(Object.keys(fr.optionNames), Object.keys(en.optionNames))
  })
})
