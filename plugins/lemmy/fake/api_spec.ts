import { readFileSync } from 'node:fs'
import { fileURLToPath } from 'node:url'

interface Field {
  name: string
  type: string
  required: boolean
}

const specPath = fileURLToPath(new URL('./spec/lemmy-api.subset.json', import.meta.url))
const spec = JSON.parse(readFileSync(specPath, 'utf8')) as {
  calls: Record<string, { fields: Field[] }>
}

/** The documented fields of each call, read once when the fake is imported. */
const calls = new Map(Object.entries(spec.calls).map(([call, entry]) => [call, entry.fields]))

export function isDocumentedCall(call: string) {
  return calls.has(call)
}

/** What is wrong with a call's fields (empty when it matches the description). */
export function checkCall(call: string, given: Record<string, unknown>): string[] {
  const fields = calls.get(call) ?? []
  const known = new Set(fields.map((field) => field.name))
  return [
    ...fields
      .filter((field) => field.required && (given[field.name] ?? '') === '')
      .map((field) => `${call}: ${field.name} is required`),
    ...Object.keys(given)
      .filter((name) => !known.has(name))
      .map((name) => `${call}: ${name} is not a field of this form`),
    ...fields
      .filter((field) => field.type === 'number' && given[field.name] !== undefined)
      .filter((field) => !Number.isFinite(Number(given[field.name])))
      .map((field) => `${call}: ${field.name} is not a number`),
  ]
}
