import { readFileSync } from 'node:fs'
import { fileURLToPath } from 'node:url'

interface Parameter {
  name: string
  in: string
  required?: boolean
}
type Paths = Record<string, Record<string, { parameters: Parameter[] }>>

const read = (name: string) =>
  JSON.parse(readFileSync(fileURLToPath(new URL(`./spec/${name}`, import.meta.url)), 'utf8'))
const described: Paths = read('web-api.subset.json').paths
const { source: _source, ...uploads } = read('since-2021.json') as Paths & { source: string }

/**
 * The documented parameters of each method, read once when the fake is imported. The 2021
 * description gives some methods as GET only; Slack takes every method as GET or POST.
 */
const methods = new Map(
  Object.entries({ ...described, ...uploads }).map(([path, verbs]) => [
    path.slice(1),
    Object.values(verbs)[0].parameters,
  ])
)

export function isDocumentedMethod(name: string) {
  return methods.has(name)
}

/** What is wrong with a call's parameters (empty when it matches the description). */
export function checkCall(
  name: string,
  params: Record<string, unknown>,
  bearer: string | null
): string[] {
  const parameters = methods.get(name) ?? []
  const given: Record<string, unknown> = { ...params, ...(bearer ? { token: bearer } : {}) }
  const known = new Set(parameters.map((parameter) => parameter.name))
  return [
    ...parameters
      .filter((parameter) => parameter.required && (given[parameter.name] ?? '') === '')
      .map((parameter) => `${name}: ${parameter.name} is required`),
    ...Object.keys(given)
      .filter((key) => !known.has(key))
      .map((key) => `${name}: ${key} is not a documented argument`),
  ]
}
