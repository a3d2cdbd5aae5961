import { z } from 'zod'
import type { McpServer } from '@modelcontextprotocol/sdk/server/mcp.js'
import SocialAccount from '#models/social_account'
import { defineTool } from '#actions/mcp/define_tool'
import type { McpContext } from '#actions/mcp/context'
import { apiMediaUrlValidator } from '#validators/api'
import { mcpAnalyticsValidator, mcpSlotsValidator } from '#validators/mcp'
import { validated } from '#services/api/errors'
import { ingestUrl } from '#services/api/media'
import { findApiPost } from '#services/api/posts'
import { toApiAccount, toApiMedia } from '#services/api/serializers'
import { freeSlots } from '#services/posts/next_free_slot'
import { postReport } from '#services/analytics/post_report'
import { resolvePeriod } from '#services/analytics/period'
import { workspaceReport } from '#services/analytics/workspace_report'

/** Accounts, the posting schedule's free slots, analytics, media import. */
export function registerWorkspaceTools(server: McpServer, context: McpContext) {
  defineTool(server, context, {
    name: 'list_accounts',
    title: 'List connected accounts',
    description:
      "The workspace's social accounts (network, handle) and whether each can publish now.",
    scope: 'read',
    input: {},
    run: async (_args, { workspace }) => {
      const accounts = await SocialAccount.query()
        .where('workspace_id', workspace.id)
        .whereNot('status', 'disconnected')
        .orderBy('id')
      return { accounts: accounts.map(toApiAccount) }
    },
  })

  defineTool(server, context, {
    name: 'list_free_slots',
    title: 'List free posting-schedule slots',
    description:
      "The next free slots of the workspace's weekly posting schedule (what queue: true would use), as UTC instants and workspace-local times.",
    scope: 'read',
    input: { count: z.number().int().optional().describe('How many (1–50, default 10)') },
    run: async (args, { workspace }) => {
      const { count } = await validated(() => mcpSlotsValidator.validate(args))
      const slots = await freeSlots(workspace, count ?? 10)
      return {
        timezone: workspace.timezone,
        hasSchedule: slots !== null,
        slots: (slots ?? []).map((at) => ({
          at: at.toUTC().toISO(),
          local: at.setZone(workspace.timezone).toFormat("yyyy-MM-dd'T'HH:mm"),
        })),
      }
    },
  })

  defineTool(server, context, {
    name: 'get_analytics',
    title: 'Get analytics',
    description:
      'Figures for one post (postId: each target with its latest reading and history) or for the workspace over a period (period 7/30/90 days, or custom with from/to as YYYY-MM-DD).',
    scope: 'read',
    input: {
      postId: z.number().int().optional(),
      period: z.enum(['7', '30', '90', 'custom']).optional(),
      from: z.string().optional(),
      to: z.string().optional(),
    },
    run: async (args, { workspace }) => {
      const input = await validated(() => mcpAnalyticsValidator.validate(args))
      if (input.postId !== undefined) {
        const post = await findApiPost(workspace.id, input.postId)
        return { postId: post.id, deliveries: await postReport(post) }
      }
      const period = resolvePeriod(input, workspace.timezone)
      const report = await workspaceReport(workspace.id, period)
      return {
        period: { from: period.from.toISO(), to: period.to.toISO() },
        posts: report.posts,
        totals: report.totals,
        previousTotals: report.previousTotals,
        byNetwork: report.byNetwork,
      }
    },
  })

  defineTool(server, context, {
    name: 'upload_media_from_url',
    title: 'Import media from a URL',
    description:
      'Downloads a public image or video into the media library (private and local addresses are refused) and returns its id for create_draft / schedule_post. Processing continues in the background.',
    scope: 'write',
    input: { url: z.string().describe('http(s) URL of the file') },
    run: async (args, { workspace, actor }) => {
      const { url } = await validated(() => apiMediaUrlValidator.validate(args))
      const asset = await ingestUrl(url, { workspaceId: workspace.id, userId: actor.id })
      return { media: toApiMedia(asset) }
    },
  })
}
