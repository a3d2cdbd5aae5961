import { ref, nullable, instant, attachedMediaInput } from '#services/api/openapi/shared'
import { POST_STATUSES } from '#models/post'
import { DELIVERY_STATUSES } from '#models/delivery'
import { targetPartProperties } from '#services/api/openapi/part_schemas'

/** Schemas of errors, posts, their statuses, inputs and checks. */
export const postSchemas = {
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
  PostStatus: { enum: [...POST_STATUSES] },
  DeliveryStatus: { enum: [...DELIVERY_STATUSES] },
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
            parts: nullable({
              type: 'array',
              maxItems: 50,
              items: ref('PartInput'),
              description: 'This account’s own follow-ups; null or absent: the shared ones',
            }),
          },
        },
      },
      parts: {
        type: 'array',
        maxItems: 50,
        items: ref('PartInput'),
        description: 'Follow-ups every target gets whose network takes their kind',
      },
      media: attachedMediaInput,
    },
  },
  ScheduleInput: {
    type: 'object',
    additionalProperties: false,
    properties: {
      at: { ...instant, description: 'RFC 3339 instant with its offset' },
      queue: { type: 'boolean', description: 'true: the next free slot' },
    },
    anyOf: [{ required: ['at'] }, { required: ['queue'], properties: { queue: { const: true } } }],
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
      'parts',
      'chain',
      'stoppedAtPart',
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
      ...targetPartProperties,
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
      'parts',
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
      parts: { type: 'array', items: ref('Part'), description: 'The shared follow-ups' },
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
          properties: {
            code: { type: 'string' },
            params: { type: 'object' },
            part: {
              type: 'integer',
              description: 'The follow-up this issue belongs to (its position in its kind)',
            },
          },
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
} as const
