import { readFileSync } from 'node:fs'
import { fileURLToPath } from 'node:url'
import { Ajv } from 'ajv'
import type { FakeReply, FakeRequest } from '#sdk/testing/fake_server'
import { OpenApiValidator } from '#sdk/testing/openapi_validator'

const specPath = fileURLToPath(new URL('./spec/openapi.json', import.meta.url))

/**
 * Known defect of the published document (SOURCE.md): the items of `metric_types` are a oneOf
 * of two enums that share IMPRESSION, SAVE…, so every standard metric matches both and fails
 * "exactly one". anyOf is what the authors meant.
 */
function fixMetricTypes(spec: any) {
  const items = spec.components.parameters.query_pin_analytics_metric_types.schema.items
  if (items.oneOf) {
    items.anyOf = items.oneOf
    delete items.oneOf
  }
}

const spec = new OpenApiValidator(specPath, fixMetricTypes)
const document = JSON.parse(readFileSync(specPath, 'utf8'))
fixMetricTypes(document)
/** `metric_types` of pin analytics checked against the (corrected) spec. */
export const metricTypesValid = new Ajv({ strict: false }).compile(
  document.components.parameters.query_pin_analytics_metric_types.schema
)

/** Pinterest's error body: {code, message}. */
export const failure = (status: number, code: number, message: string): FakeReply => ({
  status,
  json: { code, message },
})

/** The request body checked against the OpenAPI document; a 400 as Pinterest (Prism) answers, or null. */
export function invalidBody(
  request: FakeRequest,
  path: string,
  type = 'application/json'
): FakeReply | null {
  const problems = spec.validateBody(request.method, path, type, request.body)
  return problems.length ? failure(400, 1, `Invalid request body: ${problems.join('; ')}`) : null
}
