import { readdirSync, readFileSync } from 'node:fs'
import app from '@adonisjs/core/services/app'

export const LOCALES = ['en', 'fr'] as const

/** resources/lang/<locale>/<file>.json as the front end loads it: `{ file: contents }`. */
export function catalogueOf(locale: string): Record<string, Record<string, unknown>> {
  const folder = app.languageFilesPath(locale)
  return Object.fromEntries(
    readdirSync(folder)
      .filter((name) => name.endsWith('.json'))
      .map((name) => [
        name.replace(/\.json$/, ''),
        JSON.parse(readFileSync(`${folder}/${name}`, 'utf8')),
      ])
  )
}

/** Every message of a locale as `[dotted key, source text]`, files and nesting flattened. */
export function messagesOf(locale: string): [string, string][] {
  const out: [string, string][] = []
  const walk = (prefix: string, value: unknown) => {
    if (typeof value === 'string') out.push([prefix, value])
    else if (value && typeof value === 'object')
      for (const [key, child] of Object.entries(value))
        walk(prefix ? `${prefix}.${key}` : key, child)
  }
  walk('', catalogueOf(locale))
  return out
}
