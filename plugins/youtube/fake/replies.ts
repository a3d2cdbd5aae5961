import { readFileSync } from 'node:fs'
import { fileURLToPath } from 'node:url'
import type { FakeReply, FakeRequest } from '#sdk/testing/fake_server'
import { OpenApiValidator } from '#sdk/testing/openapi_validator'

const specPath = fileURLToPath(new URL('./spec/openapi.json', import.meta.url))
/** The discovery-derived OpenAPI document in spec/, which request bodies are validated against. */
export const spec = new OpenApiValidator(specPath)
const document = JSON.parse(readFileSync(specPath, 'utf8'))

/** Query names the document gives an operation (its own and the path's common ones): Google answers 400 to others. */
function documentedQuery(path: string) {
  const item = document.paths[path]
  const resolve = (p: any) => (p.$ref ? document.components.parameters[p.$ref.split('/').pop()] : p)
  return new Set<string>(
    [...(item.parameters ?? []), ...(item.get.parameters ?? [])]
      .map(resolve)
      .filter((p: any) => p.in === 'query')
      .map((p: any) => p.name)
  )
}

/** Google's error body, with the YouTube domain and the given reason. */
export const googleError = (code: number, message: string, reason: string): FakeReply => ({
  status: code,
  json: {
    error: {
      code,
      message,
      errors: [{ message, domain: 'youtube', reason }],
      status: code === 401 ? 'UNAUTHENTICATED' : 'INVALID_ARGUMENT',
    },
  },
})

/** Google's 400 for a query name the document does not give the list call; null when all are known. */
export function unknownQuery(request: FakeRequest, path: string): FakeReply | null {
  const allowed = documentedQuery(path)
  const unknown = [...request.query.keys()].find((key) => !allowed.has(key))
  return unknown
    ? googleError(
        400,
        `Invalid JSON payload received. Unknown name "${unknown}": Cannot bind query parameter.`,
        'badRequest'
      )
    : null
}
