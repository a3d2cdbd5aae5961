/**
 * The content library in the OpenAPI document: templates, snippets (signatures), hashtag
 * groups and variables of the token's workspace. Gathered into openapi.ts; checked by the
 * same contract tests as the other paths.
 */
import { instant, json, nullable, pick, ref } from '#services/api/openapi/shared'

const itemParam = {
  name: 'libraryItem',
  in: 'path',
  required: true,
  schema: { type: 'integer', minimum: 1 },
}
const kind = { type: 'string', enum: ['template', 'snippet', 'hashtag_group', 'variable'] }
const media = {
  type: 'array',
  items: {
    type: 'object',
    required: ['mediaAssetId'],
    additionalProperties: false,
    properties: {
      mediaAssetId: { type: 'integer', minimum: 1 },
      altText: nullable({ type: 'string', maxLength: 1500 }),
    },
  },
}
const one = (description: string) => ({
  description,
  ...json({
    type: 'object',
    required: ['data'],
    additionalProperties: false,
    properties: { data: ref('LibraryItem') },
  }),
})

export const libraryPaths = {
  '/library': {
    get: {
      operationId: 'listLibraryItems',
      summary: 'The workspace’s library, by kind then name; `q` looks in names and texts',
      parameters: [
        { name: 'kind', in: 'query', schema: kind },
        { name: 'q', in: 'query', schema: { type: 'string', maxLength: 100 } },
      ],
      responses: {
        200: {
          description: 'Items (500 at most)',
          ...json({
            type: 'object',
            required: ['data'],
            additionalProperties: false,
            properties: { data: { type: 'array', items: ref('LibraryItem') } },
          }),
        },
        ...pick(401, 422, 429),
      },
    },
    post: {
      operationId: 'createLibraryItem',
      summary: 'Add a template, snippet, hashtag group or variable (editors and above)',
      requestBody: { required: true, ...json(ref('LibraryItemInput')) },
      responses: { 201: one('Created'), ...pick(401, 403, 422, 429) },
    },
  },
  '/library/{libraryItem}': {
    parameters: [itemParam],
    get: {
      operationId: 'getLibraryItem',
      summary: 'One library item',
      responses: { 200: one('The item'), ...pick(401, 404, 429) },
    },
    put: {
      operationId: 'updateLibraryItem',
      summary: 'Replace an item’s fields; its kind cannot change',
      requestBody: { required: true, ...json(ref('LibraryItemInput')) },
      responses: { 200: one('Saved'), ...pick(401, 403, 404, 422, 429) },
    },
    delete: {
      operationId: 'deleteLibraryItem',
      summary: 'Remove an item; posts that used it keep their text',
      responses: { 204: { description: 'Deleted' }, ...pick(401, 403, 404, 429) },
    },
  },
}

export const librarySchemas = {
  LibraryItemInput: {
    type: 'object',
    required: ['kind', 'name', 'body'],
    additionalProperties: false,
    description: [
      '`body` is a template’s text, a snippet’s text, a group’s hashtags (`#a #b`, commas allowed) or a variable’s value.',
      'A variable’s `name` is what goes between the braces: `[a-z][a-z0-9_]*`, not `client`, `account` or `date`',
      '(computed for each post); `link` is the client’s address. `{{name}}` is replaced when a post is published.',
    ].join(' '),
    properties: {
      kind,
      name: { type: 'string', minLength: 1, maxLength: 80 },
      body: { type: 'string', maxLength: 10000 },
      networkVariants: {
        type: 'object',
        description: 'Templates: the text per network id, used over `body` on that network',
        additionalProperties: { type: 'string', maxLength: 10000 },
      },
      media: { ...media, maxItems: 20, description: 'Templates: media of this workspace' },
      autoNetworks: {
        type: 'array',
        maxItems: 30,
        items: { type: 'string' },
        description: 'Snippets: appended automatically in the composer to posts on these networks',
      },
      autoAccountIds: {
        type: 'array',
        maxItems: 100,
        items: { type: 'integer', minimum: 1 },
        description: 'Snippets: … and to posts on these accounts',
      },
    },
  },
  LibraryItem: {
    type: 'object',
    additionalProperties: false,
    required: [
      'id',
      'kind',
      'name',
      'body',
      'networkVariants',
      'media',
      'autoNetworks',
      'autoAccountIds',
      'hashtagCount',
      'overLimitOn',
      'updatedAt',
    ],
    properties: {
      id: { type: 'integer' },
      kind,
      name: { type: 'string' },
      body: { type: 'string' },
      networkVariants: { type: 'object', additionalProperties: { type: 'string' } },
      media,
      autoNetworks: { type: 'array', items: { type: 'string' } },
      autoAccountIds: { type: 'array', items: { type: 'integer' } },
      hashtagCount: nullable({ type: 'integer', description: 'Hashtag groups: how many tags' }),
      overLimitOn: {
        type: 'array',
        items: { type: 'string' },
        description: 'Hashtag groups: networks whose hashtag limit this group alone is over',
      },
      updatedAt: nullable(instant),
    },
  },
}
