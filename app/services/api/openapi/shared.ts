/** Building blocks of the OpenAPI document (app/services/api/openapi.ts). */
export const ref = (name: string) => ({ $ref: `#/components/schemas/${name}` })
export const nullable = (schema: Record<string, unknown>) => ({ oneOf: [schema, { type: 'null' }] })
export const instant = { type: 'string', format: 'date-time' }
export const json = (schema: unknown) => ({ content: { 'application/json': { schema } } })
export const error = (description: string) => ({ description, ...json(ref('Error')) })

export const errors = {
  400: error('Malformed request (bad cursor, bad Idempotency-Key)'),
  401: error('Missing, unknown, revoked or expired token'),
  403: error('The token may not do this (read-only token, or its member lacks the role)'),
  404: error('No such resource in the token’s workspace'),
  409: error(
    'Conflict with the resource’s state, or an Idempotency-Key reused with another request'
  ),
  422: error('Validation failed'),
  429: {
    ...error('Rate limit of the token exceeded; see Retry-After'),
    headers: { 'Retry-After': { schema: { type: 'integer' } } },
  },
}
export const pick = (...codes: (keyof typeof errors)[]) =>
  Object.fromEntries(codes.map((code) => [String(code), errors[code]]))
export const postParam = {
  name: 'post',
  in: 'path',
  required: true,
  schema: { type: 'integer', minimum: 1 },
}

/** The media a post or a part attaches: library ids, each with its own alt text. */
export const attachedMediaInput = {
  type: 'array',
  maxItems: 20,
  items: {
    type: 'object',
    required: ['mediaId'],
    additionalProperties: false,
    properties: {
      mediaId: { type: 'integer', minimum: 1 },
      altText: nullable({ type: 'string' }),
    },
  },
}
