import { z } from 'zod'
import type { McpServer } from '@modelcontextprotocol/sdk/server/mcp.js'
import { composePost } from '#actions/posts/compose_post'
import { dispatchPost } from '#actions/posts/dispatch_post'
import { defineTool } from '#actions/mcp/define_tool'
import type { McpContext } from '#actions/mcp/context'
import { resolveWhen } from '#actions/mcp/when'
import { apiPostListValidator, apiPostValidator } from '#validators/api'
import { mcpSearchValidator, mcpWhenValidator } from '#validators/mcp'
import { ApiError, validated } from '#services/api/errors'
import {
  checkMediaIds,
  findApiPost,
  listApiPosts,
  refusal,
  reloadApiPost,
} from '#services/api/posts'
import { toApiChecks, toApiPost } from '#services/api/serializers'

const postShape = {
  body: z.string().describe('The text shared by every target (a target may override it).'),
  targets: z
    .array(
      z.object({
        accountId: z.number().int().describe('An account id from list_accounts'),
        text: z.string().nullish().describe("This account's own text instead of the body"),
        options: z
          .record(z.string(), z.union([z.string(), z.number(), z.boolean(), z.null()]))
          .optional()
          .describe("The network's per-post options (see the networks resource)"),
      })
    )
    .describe('One entry per account to publish to'),
  media: z
    .array(z.object({ mediaId: z.number().int(), altText: z.string().nullish() }))
    .optional()
    .describe('Media ids from upload_media_from_url, in order'),
}

/** A post from the tool's arguments, saved as the composer saves it (a draft, checks per target). */
async function saveDraft(args: unknown, context: McpContext) {
  const payload = await validated(() => apiPostValidator.validate(args))
  await checkMediaIds(context.workspace.id, payload.media?.map((item) => item.mediaId) ?? [])
  const saved = await composePost({
    workspace: context.workspace,
    actor: context.actor,
    body: payload.body,
    targets: payload.targets.map((target) => ({
      socialAccountId: target.accountId,
      text: target.text ?? null,
      options: target.options as Record<string, unknown> | undefined,
    })),
    media: (payload.media ?? []).map((m) => ({ mediaAssetId: m.mediaId, altText: m.altText })),
    intent: 'draft',
  })
  if (saved.status !== 'saved') throw refusal(saved)
  return saved
}

/** Posts: list and search, save a draft, schedule (a new post or a saved one). */
export function registerPostTools(server: McpServer, context: McpContext) {
  defineTool(server, context, {
    name: 'list_posts',
    title: 'List or search posts',
    description:
      "The workspace's posts, newest first, with each target's state. Filter by status, account, a scheduled-time window (RFC 3339 instants) or words in the text; page with nextCursor.",
    scope: 'read',
    input: {
      search: z.string().optional().describe('Words the post text contains'),
      status: z.string().optional(),
      account: z.number().int().optional(),
      from: z.string().optional(),
      to: z.string().optional(),
      limit: z.number().int().optional(),
      cursor: z.string().optional(),
    },
    run: async ({ search, ...rest }, { workspace }) => {
      const filters = await validated(() => apiPostListValidator.validate(rest))
      const words = await validated(() => mcpSearchValidator.validate({ search }))
      const page = await listApiPosts(workspace.id, { ...filters, search: words.search })
      return { posts: page.posts.map(toApiPost), nextCursor: page.nextCursor }
    },
  })

  defineTool(server, context, {
    name: 'create_draft',
    title: 'Create a draft',
    description:
      "Saves a draft for one or more accounts. The answer lists each target's problems with its network's rules (text too long, media missing…): fix them before scheduling.",
    scope: 'write',
    input: postShape,
    run: async (args, ctx) => {
      const saved = await saveDraft(args, ctx)
      return { post: toApiPost(await reloadApiPost(saved.post)), checks: toApiChecks(saved.checks) }
    },
  })

  defineTool(server, context, {
    name: 'schedule_post',
    title: 'Schedule or queue a post',
    description:
      "Schedules a saved post (postId) or a new one (body + targets) at an instant with its offset (at), at a wall-clock time in the workspace's time zone (localTime, YYYY-MM-DDTHH:mm), or in the next free slot of the posting schedule (queue: true). Refused with the per-network problems when a target breaks its network's rules; a post that needs approval goes to review.",
    scope: 'write',
    input: {
      postId: z.number().int().optional(),
      ...Object.fromEntries(Object.entries(postShape).map(([k, v]) => [k, v.optional()])),
      at: z.string().optional().describe('RFC 3339 instant, e.g. 2026-12-08T09:00:00+01:00'),
      localTime: z.string().optional().describe('Workspace-local time, e.g. 2026-12-08T09:00'),
      queue: z.boolean().optional().describe('The next free posting-schedule slot'),
    },
    run: async ({ postId, at, localTime, queue, ...content }, ctx) => {
      const when = await validated(() => mcpWhenValidator.validate({ at, localTime, queue }))
      // The time first, as the composer does: a wrong time saves nothing.
      const instant = await resolveWhen(ctx.workspace, when)
      const post =
        postId !== undefined
          ? await findApiPost(ctx.workspace.id, postId)
          : (await saveDraft(content, ctx)).post
      const outcome = await dispatchPost(post, ctx.actor, { intent: 'schedule', at: instant })
      if (outcome.status !== 'scheduled' && outcome.status !== 'pending_approval') {
        const error = refusal(outcome)
        if (postId === undefined)
          throw new ApiError(error.httpStatus, error.errorCode, error.message, {
            ...(error.details as object),
            savedAsDraft: post.id,
          })
        throw error
      }
      return { post: toApiPost(await reloadApiPost(outcome.post)) }
    },
  })
}
