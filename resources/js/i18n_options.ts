import type { I18nOptions } from 'vue-i18n'

/**
 * The options the app's vue-i18n instance is built with, apart from how the catalogue is
 * loaded (Vite's glob in the browser, the file system in tests), so tests render messages
 * exactly as the pages do.
 */
export function i18nOptions(locale: string, messages: Record<string, Record<string, unknown>>) {
  return {
    legacy: false as const,
    locale,
    fallbackLocale: 'en',
    // JSON catalogues are nested string records; vue-i18n's message types cannot express that directly.
    messages: messages as I18nOptions['messages'],
    missingWarn: false,
    fallbackWarn: false,
  }
}
