/**
 * The OpenAPI 3.1 description of /api/v1, served at GET /api/v1/openapi.json. Written by
 * hand next to the routes (start/routes/api.ts); tests/functional/api validates every
 * request the API tests make, and every response, against it — so it cannot drift.
 */
import { postPaths } from '#services/api/openapi/post_paths'
import { workspacePaths } from '#services/api/openapi/workspace_paths'
import { postSchemas } from '#services/api/openapi/post_schemas'
import { resourceSchemas } from '#services/api/openapi/resource_schemas'
import { reviewPaths, reviewSchemas } from '#services/api/openapi/review_paths'
import { partPaths, partSchemas } from '#services/api/openapi/part_schemas'

export const openApiDocument = {
  openapi: '3.1.0',
  info: {
    title: 'Pistache Postiz API',
    version: '1.0.0',
    description: [
      'Per-workspace REST API. Authenticate with a token created in Settings → API: `Authorization: Bearer pp_…`.',
      'Read tokens may only GET. Every error has the shape `{ "error": { "code", "message", "details"? } }`.',
      'Each token may make a limited number of requests per minute (`X-RateLimit-Limit`, `X-RateLimit-Remaining`; 429 with `Retry-After`).',
      '`POST /posts` accepts an `Idempotency-Key` header: the same key with the same body returns the first answer',
      '(header `Idempotent-Replayed: true`); with a different body it is a 409 `idempotency_key_reused`.',
      '',
      'Webhooks (Settings → Webhooks) POST a `WebhookEvent` JSON body with headers `X-Pistache-Event`, `X-Pistache-Delivery`,',
      '`X-Pistache-Timestamp` (Unix seconds) and `X-Pistache-Signature: v1=<hex HMAC-SHA256 of "<timestamp>.<raw body>" with the webhook secret>`.',
      'Verify the signature in constant time and refuse timestamps older than five minutes. Failed deliveries are retried with exponential backoff.',
    ].join('\n'),
  },
  servers: [{ url: '/api/v1' }],
  security: [{ bearer: [] }],
  paths: { ...postPaths, ...partPaths, ...workspacePaths, ...reviewPaths },
  components: {
    securitySchemes: {
      bearer: { type: 'http', scheme: 'bearer', description: 'A workspace API token (`pp_…`)' },
    },
    schemas: { ...postSchemas, ...partSchemas, ...resourceSchemas, ...reviewSchemas },
  },
} as const
