import { readFileSync } from 'node:fs'
import { fileURLToPath } from 'node:url'
import type { FakeReply, FakeRequest } from '#sdk/testing/fake_server'
import { OpenApiValidator } from '#sdk/testing/openapi_validator'

const specPath = fileURLToPath(new URL('./spec/openapi.json', import.meta.url))
// Compiled at import, before the fake serves anything (the spec is large).
const spec = new OpenApiValidator(specPath).precompile(
  ['POST', '/2/tweets', 'application/json'],
  ['POST', '/2/media/upload/initialize', 'application/json'],
  ['POST', '/2/media/upload/{id}/append', 'multipart/form-data'],
  ['POST', '/2/media/metadata', 'application/json']
)
const document = JSON.parse(readFileSync(specPath, 'utf8'))

/**
 * The query parameters the spec documents for a path: X answers 400 to any other. The pinned
 * spec's shared field-selection parameter is named `post.fields`, but ten endpoints of the same
 * document and X's live API use `tweet.fields` and refuse `post.fields`: the fake does as the live
 * API does.
 */
function documentedQuery(path: string, method: string) {
  return new Set<string>(
    (document.paths[path][method].parameters ?? [])
      .map((p: any) => (p.$ref ? document.components.parameters[p.$ref.split('/').pop()] : p))
      .filter((p: any) => p.in === 'query')
      .map((p: any) => (p.name === 'post.fields' ? 'tweet.fields' : p.name))
  )
}

/** X's problem body (RFC 7807 style). */
export const problem = (
  status: number,
  title: string,
  detail: string,
  extra: object = {}
): FakeReply => ({
  status,
  json: {
    title,
    detail,
    type: status === 400 ? 'https://api.x.com/2/problems/invalid-request' : 'about:blank',
    status,
    ...extra,
  },
})
export const invalid = (message: string) =>
  problem(400, 'Invalid Request', 'One or more parameters to your request was invalid.', {
    errors: [{ message }],
  })

/** X's 400 when the body breaks the spec's schema; null when it fits. */
export function badBody(
  request: FakeRequest,
  path: string,
  body: unknown = request.body,
  type = 'application/json'
): FakeReply | null {
  const problems = spec.validateBody(request.method, path, type, body)
  return problems.length ? invalid(problems.join('; ')) : null
}

/** X's 400 for a query parameter the spec does not document for the path; null when all are known. */
export function unknownQuery(request: FakeRequest, path: string): FakeReply | null {
  const allowed = documentedQuery(path, request.method.toLowerCase())
  const unknown = [...request.query.keys()].find((key) => !allowed.has(key))
  return unknown
    ? invalid(`The query parameter [${unknown}] is not one of [${[...allowed].join(',')}]`)
    : null
}
