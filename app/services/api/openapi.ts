/**
 * The OpenAPI 3.1 description of /api/v1, served at GET /api/v1/openapi.json. Written by
 * hand next to the routes (start/routes/api.ts); tests/functional/api validates every
 * request the API tests make, and every response, against it — so it cannot drift.
 */
import { instant, json, nullable, pick, postParam, ref } from '#services/api/openapi_parts'
import { reviewPaths, reviewSchemas } from '#services/api/openapi_reviews'

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
  paths: {
    '/posts': {
      get: {
        operationId: 'listPosts',
        summary: 'List posts, newest first (cursor pagination)',
        parameters: [
          { name: 'status', in: 'query', schema: ref('PostStatus') },
          {
            name: 'account',
            in: 'query',
            description: 'Posts with a delivery to this account',
            schema: { type: 'integer', minimum: 1 },
          },
          {
            name: 'from',
            in: 'query',
            description: 'Scheduled at or after (RFC 3339 with offset)',
            schema: instant,
          },
          {
            name: 'to',
            in: 'query',
            description: 'Scheduled before (RFC 3339 with offset)',
            schema: instant,
          },
          {
            name: 'limit',
            in: 'query',
            schema: { type: 'integer', minimum: 1, maximum: 100, default: 25 },
          },
          {
            name: 'cursor',
            in: 'query',
            description: 'The `nextCursor` of the previous page',
            schema: { type: 'string' },
          },
        ],
        responses: {
          200: {
            description: 'One page',
            ...json({
              type: 'object',
              required: ['data', 'nextCursor'],
              additionalProperties: false,
              properties: {
                data: { type: 'array', items: ref('Post') },
                nextCursor: nullable({ type: 'string' }),
              },
            }),
          },
          ...pick(400, 401, 422, 429),
        },
      },
      post: {
        operationId: 'createPost',
        summary: 'Create a draft post for one or more accounts',
        parameters: [
          {
            name: 'Idempotency-Key',
            in: 'header',
            schema: { type: 'string', minLength: 1, maxLength: 255 },
          },
        ],
        requestBody: { required: true, ...json(ref('PostInput')) },
        responses: {
          201: {
            description: 'Created (as a draft; schedule it next)',
            ...json(ref('PostWithChecks')),
          },
          ...pick(400, 401, 403, 409, 422, 429),
        },
      },
    },
    '/posts/{post}': {
      parameters: [postParam],
      get: {
        operationId: 'getPost',
        summary: 'One post with its deliveries',
        responses: {
          200: { description: 'The post', ...json(ref('PostEnvelope')) },
          ...pick(401, 404, 429),
        },
      },
      put: {
        operationId: 'updatePost',
        summary: 'Replace a post’s text, targets and media (until it starts publishing)',
        requestBody: { required: true, ...json(ref('PostInput')) },
        responses: {
          200: { description: 'Updated', ...json(ref('PostWithChecks')) },
          ...pick(401, 403, 404, 409, 422, 429),
        },
      },
      delete: {
        operationId: 'deletePost',
        summary: 'Delete a post (what was published stays on the networks)',
        responses: { 204: { description: 'Deleted' }, ...pick(401, 403, 404, 409, 429) },
      },
    },
    '/posts/{post}/schedule': {
      parameters: [postParam],
      post: {
        operationId: 'schedulePost',
        summary: 'Schedule at an instant, or in the next free slot of the posting schedule',
        requestBody: { required: true, ...json(ref('ScheduleInput')) },
        responses: {
          200: { description: 'Scheduled (or pending approval)', ...json(ref('PostEnvelope')) },
          ...pick(401, 403, 404, 409, 422, 429),
        },
      },
    },
    '/posts/{post}/publish-now': {
      parameters: [postParam],
      post: {
        operationId: 'publishNow',
        summary: 'Publish at once',
        responses: {
          200: { description: 'Queued (or pending approval)', ...json(ref('PostEnvelope')) },
          ...pick(401, 403, 404, 409, 422, 429),
        },
      },
    },
    ...reviewPaths,
    '/posts/{post}/metrics': {
      parameters: [postParam],
      get: {
        operationId: 'getPostMetrics',
        summary: 'Latest figures per delivery',
        responses: {
          200: { description: 'Metrics', ...json(ref('MetricsEnvelope')) },
          ...pick(401, 404, 429),
        },
      },
    },
    '/accounts': {
      get: {
        operationId: 'listAccounts',
        summary: 'Connected accounts and their health',
        responses: {
          200: {
            description: 'Accounts',
            ...json({
              type: 'object',
              required: ['data'],
              additionalProperties: false,
              properties: { data: { type: 'array', items: ref('Account') } },
            }),
          },
          ...pick(401, 429),
        },
      },
    },
    '/media': {
      post: {
        operationId: 'uploadMedia',
        summary:
          'Add an image or video to the library: a multipart file, or a URL fetched by the server',
        requestBody: {
          required: true,
          content: {
            'multipart/form-data': {
              schema: {
                type: 'object',
                required: ['file'],
                properties: {
                  file: { type: 'string', contentMediaType: 'application/octet-stream' },
                },
              },
            },
            'application/json': {
              schema: {
                type: 'object',
                required: ['url'],
                additionalProperties: false,
                properties: { url: { type: 'string', format: 'uri', maxLength: 2048 } },
              },
            },
          },
        },
        responses: {
          201: {
            description: 'Stored; processing continues in the background',
            ...json(ref('MediaEnvelope')),
          },
          ...pick(400, 401, 403, 422, 429),
        },
      },
    },
    '/media/{media}': {
      parameters: [
        { name: 'media', in: 'path', required: true, schema: { type: 'integer', minimum: 1 } },
      ],
      get: {
        operationId: 'getMedia',
        summary: 'A media file (poll until `ready`)',
        responses: {
          200: { description: 'Media', ...json(ref('MediaEnvelope')) },
          ...pick(401, 404, 429),
        },
      },
    },
    '/queue/next-slot': {
      get: {
        operationId: 'nextFreeSlot',
        summary: 'The next free slot of the workspace’s posting schedule',
        responses: {
          200: {
            description: 'The slot, or why there is none',
            ...json({
              type: 'object',
              required: ['data'],
              additionalProperties: false,
              properties: {
                data: {
                  type: 'object',
                  required: ['status', 'at', 'timezone'],
                  additionalProperties: false,
                  properties: {
                    status: { enum: ['ok', 'no_slots', 'full'] },
                    at: nullable(instant),
                    timezone: { type: 'string' },
                  },
                },
              },
            }),
          },
          ...pick(401, 429),
        },
      },
    },
  },
  components: {
    securitySchemes: {
      bearer: { type: 'http', scheme: 'bearer', description: 'A workspace API token (`pp_…`)' },
    },
    schemas: {
      ...reviewSchemas,
      Error: {
        type: 'object',
        required: ['error'],
        additionalProperties: false,
        properties: {
          error: {
            type: 'object',
            required: ['code', 'message'],
            additionalProperties: false,
            properties: {
              code: {
                enum: [
                  'bad_request',
                  'unauthenticated',
                  'forbidden',
                  'insufficient_scope',
                  'insufficient_role',
                  'not_found',
                  'conflict',
                  'idempotency_key_reused',
                  'idempotency_key_in_progress',
                  'validation_failed',
                  'invalid_post',
                  'media_rejected',
                  'rate_limited',
                  'internal_error',
                ],
              },
              message: { type: 'string' },
              details: {},
            },
          },
        },
      },
      PostStatus: {
        enum: [
          'draft',
          'pending_approval',
          'approved',
          'rejected',
          'scheduled',
          'publishing',
          'published',
          'partially_published',
          'failed',
        ],
      },
      DeliveryStatus: {
        enum: [
          'draft',
          'pending_approval',
          'scheduled',
          'queued',
          'publishing',
          'published',
          'failed',
          'unknown',
          'cancelled',
        ],
      },
      OptionValues: {
        type: 'object',
        additionalProperties: {
          oneOf: [{ type: 'string' }, { type: 'number' }, { type: 'boolean' }, { type: 'null' }],
        },
      },
      PostInput: {
        type: 'object',
        required: ['body', 'targets'],
        additionalProperties: false,
        properties: {
          body: { type: 'string', maxLength: 20000 },
          targets: {
            type: 'array',
            minItems: 1,
            maxItems: 50,
            items: {
              type: 'object',
              required: ['accountId'],
              additionalProperties: false,
              properties: {
                accountId: { type: 'integer', minimum: 1 },
                text: nullable({
                  type: 'string',
                  description: 'This account’s variant; null uses the body',
                }),
                options: ref('OptionValues'),
              },
            },
          },
          media: {
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
          },
        },
      },
      ScheduleInput: {
        type: 'object',
        additionalProperties: false,
        properties: {
          at: { ...instant, description: 'RFC 3339 instant with its offset' },
          queue: { type: 'boolean', description: 'true: the next free slot' },
        },
        anyOf: [
          { required: ['at'] },
          { required: ['queue'], properties: { queue: { const: true } } },
        ],
      },
      Target: {
        type: 'object',
        additionalProperties: false,
        required: [
          'deliveryId',
          'accountId',
          'network',
          'text',
          'options',
          'status',
          'externalUrl',
          'publishedAt',
          'lastError',
        ],
        properties: {
          deliveryId: { type: 'integer' },
          accountId: nullable({ type: 'integer' }),
          network: { type: 'string' },
          text: nullable({ type: 'string' }),
          options: ref('OptionValues'),
          status: ref('DeliveryStatus'),
          externalUrl: nullable({ type: 'string' }),
          publishedAt: nullable(instant),
          lastError: nullable({ type: 'string' }),
        },
      },
      Post: {
        type: 'object',
        additionalProperties: false,
        required: [
          'id',
          'status',
          'body',
          'scheduledAt',
          'createdAt',
          'updatedAt',
          'targets',
          'media',
        ],
        properties: {
          id: { type: 'integer' },
          status: ref('PostStatus'),
          body: { type: 'string' },
          scheduledAt: nullable(instant),
          createdAt: instant,
          updatedAt: nullable(instant),
          targets: { type: 'array', items: ref('Target') },
          media: {
            type: 'array',
            items: {
              type: 'object',
              required: ['mediaId', 'altText'],
              additionalProperties: false,
              properties: { mediaId: { type: 'integer' }, altText: nullable({ type: 'string' }) },
            },
          },
        },
      },
      PostEnvelope: {
        type: 'object',
        required: ['data'],
        additionalProperties: false,
        properties: { data: ref('Post') },
      },
      Check: {
        type: 'object',
        required: ['accountId', 'network', 'issues'],
        additionalProperties: false,
        properties: {
          accountId: { type: 'integer' },
          network: { type: 'string' },
          issues: {
            type: 'array',
            items: {
              type: 'object',
              required: ['code'],
              properties: { code: { type: 'string' }, params: { type: 'object' } },
            },
          },
        },
      },
      PostWithChecks: {
        type: 'object',
        required: ['data', 'checks'],
        additionalProperties: false,
        properties: { data: ref('Post'), checks: { type: 'array', items: ref('Check') } },
      },
      Account: {
        type: 'object',
        additionalProperties: false,
        required: [
          'id',
          'network',
          'handle',
          'displayName',
          'profileUrl',
          'status',
          'health',
          'connectedAt',
        ],
        properties: {
          id: { type: 'integer' },
          network: { type: 'string' },
          handle: { type: 'string' },
          displayName: { type: 'string' },
          profileUrl: nullable({ type: 'string' }),
          status: { enum: ['connected', 'needs_reconnection'] },
          health: {
            type: 'object',
            required: ['canPublish', 'lastError', 'tokenExpiresAt'],
            additionalProperties: false,
            properties: {
              canPublish: { type: 'boolean' },
              lastError: nullable({ type: 'string' }),
              tokenExpiresAt: nullable(instant),
            },
          },
          connectedAt: nullable(instant),
        },
      },
      Media: {
        type: 'object',
        additionalProperties: false,
        required: [
          'id',
          'kind',
          'name',
          'mimeType',
          'bytes',
          'width',
          'height',
          'durationSeconds',
          'altText',
          'status',
          'createdAt',
        ],
        properties: {
          id: { type: 'integer' },
          kind: { enum: ['image', 'video'] },
          name: { type: 'string' },
          mimeType: { type: 'string' },
          bytes: { type: 'integer' },
          width: nullable({ type: 'integer' }),
          height: nullable({ type: 'integer' }),
          durationSeconds: nullable({ type: 'number' }),
          altText: nullable({ type: 'string' }),
          status: { enum: ['processing', 'ready', 'failed'] },
          createdAt: instant,
        },
      },
      MediaEnvelope: {
        type: 'object',
        required: ['data'],
        additionalProperties: false,
        properties: { data: ref('Media') },
      },
      MetricsEnvelope: {
        type: 'object',
        required: ['data'],
        additionalProperties: false,
        properties: {
          data: {
            type: 'object',
            required: ['available', 'deliveries'],
            additionalProperties: false,
            properties: {
              available: {
                type: 'boolean',
                description: 'always true (kept for clients written when analytics was optional)',
              },
              deliveries: {
                type: 'array',
                items: {
                  type: 'object',
                  required: ['deliveryId', 'accountId', 'network', 'collectedAt', 'metrics'],
                  additionalProperties: false,
                  properties: {
                    deliveryId: { type: 'integer' },
                    accountId: nullable({ type: 'integer' }),
                    network: { type: 'string' },
                    collectedAt: nullable(instant),
                    metrics: {
                      type: 'object',
                      additionalProperties: nullable({ type: 'number' }),
                      description: 'null: the network does not give this figure',
                    },
                  },
                },
              },
            },
          },
        },
      },
      WebhookEvent: {
        type: 'object',
        required: ['id', 'type', 'createdAt', 'workspaceId', 'data'],
        additionalProperties: false,
        properties: {
          id: { type: 'string', format: 'uuid' },
          type: {
            enum: [
              'delivery.published',
              'delivery.failed',
              'delivery.unknown',
              'account.needs_reconnection',
              'post.client_approved',
              'post.client_changes_requested',
              'post.commented',
            ],
          },
          createdAt: instant,
          workspaceId: { type: 'integer' },
          data: { type: 'object' },
        },
      },
    },
  },
} as const
