import { glob, readFile } from 'node:fs/promises'
import { test } from '@japa/runner'
import app from '@adonisjs/core/services/app'
import { messagesOf } from '#tests/helpers/catalogue'

/**
 * French typography: a no-break space (narrow, U+202F, or plain, U+00A0) goes before
 * « : ; ! ? » and inside « guillemets », so the sign never starts a line and the space
 * is there. A colon inside a word or a time ("réseau:identifiant", "09:00", "https://")
 * is not punctuation and is left alone.
 */
const NO_BREAK = '[\\u202f\\u00a0]'
const RULES: [string, RegExp][] = [
  // The sign is punctuation when a space, the end or a closing sign follows it.
  ['no-break space before ; : ! ?', new RegExp(`(?<!${NO_BREAK})[;:!?](?=\\s|$|[»)\\]’”])`, 'g')],
  ['no-break space after «', new RegExp(`«(?!${NO_BREAK})`, 'g')],
  ['no-break space before »', new RegExp(`(?<!${NO_BREAK})»`, 'g')],
  // One space, not two: a second pass of the rule above doubled them inside « ».
  ['a single no-break space', new RegExp(`${NO_BREAK}{2}`, 'g')],
]

test('every French message puts a no-break space before : ; ! ? and inside « »', ({ assert }) => {
  const messages = messagesOf('fr')
  assert.isAbove(messages.length, 500)
  const faults: string[] = []
  for (const [key, text] of messages) {
    for (const [rule, pattern] of RULES) {
      for (const match of text.matchAll(pattern)) {
        const around = text.slice(Math.max(0, match.index - 20), match.index + 2)
        faults.push(`${key}: ${rule} — “…${around}”`)
      }
    }
  }
  assert.deepEqual(faults, [], faults.join('\n'))
})

/**
 * Punctuation typed in a template next to a translated text escapes the catalogue, and so
 * the rule above ("Compte: Tous" in French): it belongs inside the message.
 */
test('no template glues : ; ! ? to a translated text', async ({ assert }) => {
  const files = await Array.fromAsync(glob(app.makePath('resources/**/*.vue')))
  const faults: string[] = []
  for (const file of files) {
    const source = await readFile(file, 'utf8')
    for (const match of source.matchAll(/\}\}\s?[:;!?]/g)) {
      const line = source.slice(0, match.index).split('\n').length
      faults.push(`${file.replace(app.makePath(), '')}:${line}`)
    }
  }
  assert.isAbove(files.length, 50)
  assert.deepEqual(faults, [], faults.join('\n'))
})
