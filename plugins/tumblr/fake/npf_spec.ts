import { readFileSync } from 'node:fs'
import { fileURLToPath } from 'node:url'

const read = (name: string) =>
  readFileSync(fileURLToPath(new URL(`./spec/${name}`, import.meta.url)), 'utf8')

/** The rows of the first Markdown table after `heading`: `| **name** | Type | … | Required? |`. */
function tableAfter(markdown: string, heading: string) {
  const start = markdown.indexOf(heading)
  if (start < 0) throw new Error(`the spec has no section ${heading}`)
  const rows: { name: string; required: boolean }[] = []
  let inTable = false
  for (const line of markdown.slice(start).split('\n').slice(1)) {
    if (line.startsWith('|')) {
      inTable = true
      const cells = line.split('|').map((cell) => cell.trim())
      const name = /^\*\*(\w+)\*\*$/.exec(cells[1])?.[1]
      if (name) rows.push({ name, required: /^yes/i.test(cells.at(-2) ?? '') })
    } else if (inTable) break
  }
  return rows
}

const api = read('api.subset.md')
/** The create route's parameters, read once from the description when the fake is imported. */
const createParameters = tableAfter(api, '\n### Request Parameters')
const listParameters = tableAfter(
  api.slice(api.indexOf('### `/posts` – Retrieve Published Posts')),
  '#### Query Parameters'
)

/** What is wrong with a create body's parameters (unknown ones; `content` for a new post). */
export function createProblems(body: Record<string, unknown>) {
  const known = new Set(createParameters.map((parameter) => parameter.name))
  return [
    ...Object.keys(body)
      .filter((name) => !known.has(name))
      .map((name) => `'${name}' is not a parameter of this route`),
    ...(Array.isArray(body.content) ? [] : ["'content' must be an array"]),
  ]
}

export function listProblems(query: URLSearchParams) {
  const known = new Set(listParameters.map((parameter) => parameter.name))
  return [...query.keys()]
    .filter((name) => !known.has(name))
    .map((name) => `'${name}' is not a query parameter of this route`)
}
