import { ref, nullable, instant, json, pick } from '#services/api/openapi/shared'

/** Paths of the workspace's accounts, media and posting queue. */
export const workspacePaths = {
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
} as const
