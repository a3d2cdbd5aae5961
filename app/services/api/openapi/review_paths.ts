/**
 * Client review in the OpenAPI document: review links (create, list, revoke) and a post's
 * comments. Gathered into openapi.ts; checked by the same contract tests.
 */
import { instant, json, nullable, pick, postParam, ref } from '#services/api/openapi/shared'

const linkParam = {
  name: 'link',
  in: 'path',
  required: true,
  schema: { type: 'integer', minimum: 1 },
}
const date = { type: 'string', pattern: '^\\d{4}-\\d{2}-\\d{2}$' }

export const reviewPaths = {
  '/review-links': {
    get: {
      operationId: 'listReviewLinks',
      summary: 'The workspace’s review links, newest first (never their tokens)',
      responses: {
        200: {
          description: 'Links',
          ...json({
            type: 'object',
            required: ['data'],
            additionalProperties: false,
            properties: { data: { type: 'array', items: ref('ReviewLink') } },
          }),
        },
        ...pick(401, 429),
      },
    },
    post: {
      operationId: 'createReviewLink',
      summary:
        'Share posts with a client: explicit `postIds`, or every post scheduled from `from` to `to` (days in the workspace’s zone, both included) on `accountIds` (all when left out)',
      requestBody: { required: true, ...json(ref('ReviewLinkInput')) },
      responses: {
        201: {
          description:
            'Created. `url` carries the token: it is returned only here, the server keeps a hash',
          ...json({
            type: 'object',
            required: ['data'],
            additionalProperties: false,
            properties: { data: ref('CreatedReviewLink') },
          }),
        },
        ...pick(401, 403, 422, 429),
      },
    },
  },
  '/review-links/{link}': {
    parameters: [linkParam],
    delete: {
      operationId: 'revokeReviewLink',
      summary: 'Revoke a link: its page answers 410 from then on',
      responses: { 204: { description: 'Revoked' }, ...pick(401, 403, 404, 429) },
    },
  },
  '/posts/{post}/comments': {
    parameters: [postParam],
    get: {
      operationId: 'listPostComments',
      summary: 'A post’s thread, oldest first: members’ internal comments and the client’s',
      responses: {
        200: {
          description: 'Comments',
          ...json({
            type: 'object',
            required: ['data'],
            additionalProperties: false,
            properties: { data: { type: 'array', items: ref('Comment') } },
          }),
        },
        ...pick(401, 404, 429),
      },
    },
  },
}

const linkFields = {
  id: { type: 'integer' },
  label: { type: 'string' },
  state: { enum: ['active', 'revoked', 'expired'] },
  posts: { type: 'integer', description: 'How many posts the link shows' },
  hasPassword: { type: 'boolean' },
  locale: { enum: ['en', 'fr'] },
  createdAt: instant,
  lastOpenedAt: nullable(instant),
  expiresAt: instant,
  revokedAt: nullable(instant),
}

export const reviewSchemas = {
  ReviewLinkInput: {
    type: 'object',
    required: ['label'],
    additionalProperties: false,
    properties: {
      label: { type: 'string', minLength: 1, maxLength: 120 },
      postIds: {
        type: 'array',
        items: { type: 'integer', minimum: 1 },
        minItems: 1,
        maxItems: 100,
      },
      from: date,
      to: date,
      accountIds: { type: 'array', items: { type: 'integer', minimum: 1 }, maxItems: 200 },
      expiresInDays: { type: 'integer', minimum: 1, maximum: 90, default: 14 },
      password: { type: 'string', minLength: 6, maxLength: 200 },
      clientEmail: {
        type: 'string',
        format: 'email',
        description: 'Opt-in: the client is mailed the link',
      },
      locale: { enum: ['en', 'fr'], description: 'Language of the page (default: en)' },
    },
  },
  ReviewLink: {
    type: 'object',
    required: Object.keys(linkFields),
    additionalProperties: false,
    properties: linkFields,
  },
  CreatedReviewLink: {
    type: 'object',
    required: [...Object.keys(linkFields), 'url'],
    additionalProperties: false,
    properties: { ...linkFields, url: { type: 'string', format: 'uri' } },
  },
  Comment: {
    type: 'object',
    required: ['id', 'postId', 'source', 'kind', 'author', 'body', 'createdAt', 'editedAt'],
    additionalProperties: false,
    properties: {
      id: { type: 'integer' },
      postId: { type: 'integer' },
      source: {
        enum: ['internal', 'client'],
        description: '`client`: left through a review link (author is the name they typed)',
      },
      kind: { enum: ['comment', 'approved', 'changes_requested'] },
      author: nullable({ type: 'string' }),
      body: { type: 'string' },
      createdAt: instant,
      editedAt: nullable(instant),
    },
  },
}
