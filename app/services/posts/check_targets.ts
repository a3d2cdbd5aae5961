import {
  acceptsPartKind,
  capabilitiesOf,
  checkParts,
  checkPost,
  type MediaItem,
  type NetworkPlugin,
  type PartDraft,
  type PartIssue,
} from '#sdk'
import type { DateTime } from 'luxon'
import type SocialAccount from '#models/social_account'
import type Post from '#models/post'
import plugins from '#services/plugins'
import PostMedia from '#models/post_media'
import { checkableMedia } from '#services/media/checkable_media'
import { loadPostParts, type PartInput } from '#services/posts/post_parts'
import { variablesPerAccount } from '#services/library/variable_values'
import { expandVariables } from '#sdk/text_variables'

export interface TargetInput {
  socialAccountId: number
  /** The per-account variant; null or absent means the post's body. */
  text?: string | null
  options?: Record<string, unknown>
  /** This target's own follow-ups (replacing the post's shared ones); null or absent: the shared ones. */
  parts?: PartInput[] | null
}

export interface TargetCheck {
  socialAccountId: number
  network: string
  /** The main post's issues, then the follow-ups' (those carry `part`, their position in their kind). */
  issues: PartIssue[]
}

/**
 * A saved post's media as the network will get it (ready variants, else predicted ones),
 * without waiting; missing variants are queued now so they are ready when it publishes.
 * Media the pipeline cannot use (deleted, a variant that failed) counts as absent here.
 */
const savedMedia = (postId?: number) => async (network: string) => {
  if (!postId) return []
  const attached = await PostMedia.query().where('post_id', postId).orderBy('position', 'asc')
  return checkableMedia(attached, network, { prepare: true }).catch(() => [])
}

/**
 * Each target checked with its network's own rules for that very account (a Mastodon
 * instance's limits, X's weighted counting…) — the SDK's checkPost, the same function
 * the composer runs in the browser. Issues are values the UI shows next to the target.
 * Texts are measured as they will be sent: with the workspace's `{{variables}}` filled in
 * for that account, as the publisher fills them (deliveryText).
 */
export async function checkTargets(input: {
  postId?: number
  workspaceId: number
  /** When the post is due; unscheduled posts count with today's date. */
  instant?: DateTime | null
  body: string
  targets: TargetInput[]
  accounts: Map<number, SocialAccount>
  /** The media as a network would get it, when the post is not saved yet (the composer's live check). */
  mediaFor?: (network: string) => Promise<MediaItem[]>
  /** The post's shared follow-ups. */
  parts?: PartInput[]
}): Promise<TargetCheck[]> {
  const checks: TargetCheck[] = []
  const valuesOf = await variablesPerAccount(input.workspaceId, input.instant ?? null)
  for (const target of input.targets) {
    const account = input.accounts.get(target.socialAccountId)!
    const values = valuesOf(account)
    const plugin = await plugins.get(account.network)
    const media = await (input.mediaFor ?? savedMedia(input.postId))(account.network)
    const text = expandVariables(target.text ?? input.body, values)
    const post = { text, media, options: target.options ?? {} }
    const profile = account.toPluginProfile()
    const parts = target.parts ?? input.parts ?? []
    const drafts = await Promise.all(
      parts.map(async (part) => ({
        kind: part.kind,
        text: expandVariables(part.text, values),
        media: await checkableMedia(part.media ?? [], account.network, {
          prepare: !!input.postId,
        }).catch((): MediaItem[] => []),
      }))
    )
    checks.push({
      socialAccountId: account.id,
      network: account.network,
      issues: [
        ...checkPost(plugin, post, profile),
        ...checkParts(capabilitiesOf(plugin, profile), drafts, { explicit: !!target.parts }),
        ...partIssuesOf(
          plugin,
          drafts.filter((draft) => acceptsPartKind(capabilitiesOf(plugin, profile), draft.kind))
        ),
      ],
    })
  }
  return checks
}

/** The plugin's own checks of each part, numbered within its kind as checkParts numbers them. */
function partIssuesOf(plugin: NetworkPlugin, drafts: PartDraft[]): PartIssue[] {
  if (!plugin.validatePart) return []
  const counters = new Map<string, number>()
  return drafts.flatMap((draft) => {
    const position = (counters.get(draft.kind) ?? 0) + 1
    counters.set(draft.kind, position)
    return plugin.validatePart!(draft).map((issue) => ({ ...issue, part: position }))
  })
}

/** The checks of a saved post, target by target, as its deliveries stand. */
export async function checkSavedPost(
  post: Pick<Post, 'id' | 'body' | 'workspaceId' | 'scheduledAt'>
) {
  const { default: Delivery } = await import('#models/delivery')
  const { default: SocialAccount } = await import('#models/social_account')
  const deliveries = await Delivery.query()
    .where('post_id', post.id)
    .whereNot('status', 'cancelled')
  const lists = await loadPostParts(post.id)
  const ids = deliveries
    .map((delivery) => delivery.socialAccountId)
    .filter((id): id is number => id !== null)
  const accounts = new Map(
    (await SocialAccount.query().whereIn('id', ids)).map((account) => [account.id, account])
  )
  const targets = deliveries
    .filter(
      (delivery) => delivery.socialAccountId !== null && accounts.has(delivery.socialAccountId)
    )
    .map((delivery) => ({
      socialAccountId: delivery.socialAccountId!,
      text: delivery.text,
      options: delivery.options,
      parts: delivery.ownParts ? (lists.own.get(delivery.id) ?? []) : null,
    }))
  return checkTargets({
    postId: post.id,
    workspaceId: post.workspaceId,
    instant: post.scheduledAt,
    body: post.body,
    targets,
    accounts,
    parts: lists.shared,
  })
}
