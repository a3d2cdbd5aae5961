import { readFileSync } from 'node:fs'
import { fileURLToPath } from 'node:url'

interface Field {
  name: string
  types: string[]
  required: boolean
}

const specPath = fileURLToPath(new URL('./spec/bot-api.subset.json', import.meta.url))
const spec = JSON.parse(readFileSync(specPath, 'utf8')) as {
  methods: Record<string, { fields?: Field[] }>
  types: Record<string, { fields: Field[] }>
}

/**
 * The documented parameters of each method and media type, read once when the fake is imported
 * (not on the first request: a slow first publish would race the kit's client timeout).
 */
const methods = new Map(
  Object.entries(spec.methods).map(([name, entry]) => [name, entry.fields ?? []])
)
const mediaTypes = new Map([
  ['photo', spec.types.InputMediaPhoto.fields],
  ['video', spec.types.InputMediaVideo.fields],
])

/** What is wrong with a call's parameters (empty when it matches the documentation). */
function problemsOf(fields: Field[], given: Record<string, unknown>, where: string) {
  const known = new Set(fields.map((field) => field.name))
  return [
    ...fields
      .filter((field) => field.required && (given[field.name] ?? '') === '')
      .map((field) => `${where}: parameter ${field.name} is required`),
    ...Object.keys(given)
      .filter((name) => !known.has(name))
      .map((name) => `${where}: parameter ${name} is not documented`),
  ]
}

export function isDocumentedMethod(name: string) {
  return methods.has(name)
}

/** Checks a method's parameters (form fields and file parts together), and an album's items. */
export function checkCall(name: string, params: Record<string, unknown>): string[] {
  const problems = problemsOf(methods.get(name) ?? [], params, name)
  if (name === 'sendMediaGroup' && typeof params.media === 'string') {
    const items = JSON.parse(params.media) as Record<string, unknown>[]
    items.forEach((item, index) => {
      const fields = mediaTypes.get(String(item.type))
      if (!fields) problems.push(`media[${index}]: type ${String(item.type)} is not photo or video`)
      else problems.push(...problemsOf(fields, item, `media[${index}]`))
    })
  }
  return problems
}
