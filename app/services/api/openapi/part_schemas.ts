import {
  ref,
  nullable,
  instant,
  json,
  pick,
  postParam,
  attachedMediaInput,
} from '#services/api/openapi/shared'
import { PART_KINDS } from '#sdk'
import { DELIVERY_PART_STATUSES } from '#models/delivery_part'
import { PROBLEM_KINDS } from '#services/publishing/problems'

/**
 * Threads and first comments in the API: follow-ups as written (the post's shared list, a
 * target's own) and as published (a target's chain), and "retry from part N".
 */
export const partSchemas = {
  PartInput: {
    type: 'object',
    required: ['kind', 'text'],
    additionalProperties: false,
    description:
      'A follow-up: a thread part (a reply by the account to the previous part) or a first comment (under the post). Its place in the list is its position.',
    properties: {
      kind: { enum: [...PART_KINDS] },
      text: { type: 'string', maxLength: 20000 },
      media: attachedMediaInput,
    },
  },
  Part: {
    type: 'object',
    required: ['kind', 'position', 'text', 'media'],
    additionalProperties: false,
    properties: {
      kind: { enum: [...PART_KINDS] },
      position: { type: 'integer', minimum: 1 },
      text: { type: 'string' },
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
  ChainPart: {
    type: 'object',
    description: 'One follow-up of a delivery as published, once the main post is out',
    required: [
      'position',
      'kind',
      'text',
      'status',
      'externalUrl',
      'publishedAt',
      'error',
      'errorKind',
    ],
    additionalProperties: false,
    properties: {
      position: { type: 'integer', minimum: 1 },
      kind: { enum: [...PART_KINDS] },
      text: { type: 'string' },
      status: { enum: [...DELIVERY_PART_STATUSES] },
      externalUrl: nullable({ type: 'string' }),
      publishedAt: nullable(instant),
      error: nullable({ type: 'string' }),
      errorKind: nullable({ enum: [...PROBLEM_KINDS] }),
    },
  },
  RetryPartsInput: {
    type: 'object',
    required: ['from'],
    additionalProperties: false,
    properties: {
      from: {
        type: 'integer',
        minimum: 1,
        description: 'The part that stopped the chain (the target’s `stoppedAtPart`)',
      },
    },
  },
} as const

/** What a target carries of its follow-ups (merged into the `Target` schema). */
export const targetPartProperties = {
  parts: nullable({
    type: 'array',
    items: ref('Part'),
    description: 'This target’s own follow-ups; null: the post’s shared ones',
  }),
  chain: { type: 'array', items: ref('ChainPart') },
  stoppedAtPart: nullable({
    type: 'integer',
    description: 'The part that stopped this delivery’s thread: where "retry from part N" starts',
  }),
}

export const partPaths = {
  '/posts/{post}/deliveries/{delivery}/retry-parts': {
    parameters: [
      postParam,
      { name: 'delivery', in: 'path', required: true, schema: { type: 'integer', minimum: 1 } },
    ],
    post: {
      operationId: 'retryParts',
      summary:
        'Send a stopped thread on from part N: the main post and the parts before N are not sent again',
      requestBody: { required: true, ...json(ref('RetryPartsInput')) },
      responses: {
        200: { description: 'Queued again from part N', ...json(ref('PostEnvelope')) },
        ...pick(401, 403, 404, 409, 422, 429),
      },
    },
  },
} as const
