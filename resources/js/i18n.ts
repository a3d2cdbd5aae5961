import { createI18n } from 'vue-i18n'
import { i18nOptions } from './i18n_options'

/**
 * The browser uses the same catalogue as the server (resources/lang/<locale>/*.json):
 * a file `lang/fr/nav.json` becomes the keys `nav.*`, exactly as @adonisjs/i18n reads it.
 */
const files = import.meta.glob<Record<string, unknown>>('../lang/*/*.json', {
  eager: true,
  import: 'default',
})

function catalogue() {
  const messages: Record<string, Record<string, unknown>> = {}
  for (const [path, content] of Object.entries(files)) {
    const [, locale, file] = path.match(/lang\/([^/]+)\/([^/]+)\.json$/)!
    messages[locale] ??= {}
    messages[locale][file] = content
  }
  return messages
}

export const SUPPORTED_LOCALES = ['en', 'fr'] as const

export function createI18nFor(locale: string) {
  return createI18n(i18nOptions(locale, catalogue()))
}

/** Switches the language of a running app (the global composer's locale is a ref in composition mode). */
export function setLocale(i18n: ReturnType<typeof createI18nFor>, locale: string) {
  ;(i18n.global.locale as unknown as { value: string }).value = locale
  document.documentElement.lang = locale
}
