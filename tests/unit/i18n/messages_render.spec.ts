import { test } from '@japa/runner'
import { createI18n } from 'vue-i18n'
import { i18nOptions } from '../../../resources/js/i18n_options.js'
import { LOCALES, messagesOf } from '#tests/helpers/catalogue'

/**
 * vue-i18n reads some characters as syntax: a bare `|` splits plural forms and `@` starts a
 * linked message, and it silently renders only part of the text. Every message of every
 * language is rendered the way the pages render it and compared with its source text, in
 * which only the escapes (`{'|'}`) and the placeholders are replaced.
 */

/** Splits on the `|` that vue-i18n treats as a plural separator (not inside `{…}`). */
function pluralForms(source: string) {
  const forms: string[] = []
  let depth = 0
  let current = ''
  for (const char of source) {
    if (char === '{') depth++
    if (char === '}') depth--
    if (char === '|' && depth === 0) {
      forms.push(current.trim())
      current = ''
    } else current += char
  }
  forms.push(current.trim())
  return forms
}

const PLACEHOLDER = /\{\s*([A-Za-z_][\w]*)\s*\}/g
const placeholdersOf = (text: string) => [...text.matchAll(PLACEHOLDER)].map((match) => match[1])

/** The text a user should see: literal escapes unwrapped, each placeholder replaced by its value. */
function expectedText(form: string, values: Record<string, string | number>) {
  return form
    .replace(/\{'([^']*)'\}/g, '$1')
    .replace(PLACEHOLDER, (_, name: string) => String(values[name]))
}

/**
 * A message is meant as a plural only when each of its forms carries a placeholder (the count
 * or the item): "Connect {n} account | Connect {n} accounts". Any other bare `|` is a trap.
 */
function isPlural(forms: string[]) {
  return forms.length > 1 && forms.every((form) => placeholdersOf(form).length > 0)
}

/** vue-i18n's default choice: 2 forms → [1, other]; 3 forms → [0, 1, other]. */
function formIndex(count: number, total: number) {
  if (total === 2) return count === 1 ? 0 : 1
  return Math.min(count, total - 1)
}

for (const locale of LOCALES) {
  test(`every ${locale} message renders in full through vue-i18n`, ({ assert }) => {
    const messages = messagesOf(locale)
    // One flat catalogue: some server-side keys contain dots, which vue-i18n's paths cannot reach.
    const flat = Object.fromEntries(messages.map(([, source], index) => [`m${index}`, source]))
    const i18n = createI18n(i18nOptions(locale, { [locale]: flat }))
    const t = i18n.global.t as (key: string, named: object, plural?: number) => string
    const cut: string[] = []
    assert.isAbove(messages.length, 500)

    for (const [index, [key, source]] of messages.entries()) {
      const id = `m${index}`
      const names = placeholdersOf(source)
      const values: Record<string, string | number> = Object.fromEntries(
        names.map((name) => [name, `⟨${name}⟩`])
      )
      const forms = pluralForms(source)
      if (!isPlural(forms)) {
        const shown = t(id, values)
        const expected = expectedText(source, values)
        if (shown !== expected)
          cut.push(`${key}\n    shows:    ${shown}\n    expected: ${expected}`)
        continue
      }
      const counts = forms.length === 2 ? [1, 2] : forms.map((_, form) => form)
      for (const count of counts) {
        const withCount = { ...values, n: count, count }
        const shown = t(id, withCount, count)
        const expected = expectedText(forms[formIndex(count, forms.length)], withCount)
        if (shown !== expected)
          cut.push(`${key} (${count})\n    shows:    ${shown}\n    expected: ${expected}`)
      }
    }
    assert.deepEqual(cut, [], `messages vue-i18n does not render in full:\n  ${cut.join('\n  ')}`)
  })
}
