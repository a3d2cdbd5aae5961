import { ref, nullable, instant, json, pick, postParam } from '#services/api/openapi/shared'

/** Paths of /api/v1/posts and a post's actions and metrics. */
export const postPaths = {
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
      description:
        'Automatic signatures of the library (snippets set for an account or a network) are added to each account’s text, once, as the composer adds them: that account then has its own text.',
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
      description:
        'An account the request adds to the post gets its automatic signatures, as on creation; the accounts already on it keep the text sent.',
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
} as const
