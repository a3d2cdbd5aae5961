import { ref, nullable, instant } from '#services/api/openapi/shared'

/** Schemas of accounts, media, metrics and webhook events. */
export const resourceSchemas = {
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
        ],
      },
      createdAt: instant,
      workspaceId: { type: 'integer' },
      data: { type: 'object' },
    },
  },
} as const
