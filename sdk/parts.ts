import type {
  Capabilities,
  FirstCommentCapability,
  ReconcileLevel,
  ThreadCapability,
} from './capabilities.js'
import type { MediaItem, PublishContext } from './contract.js'
import { validateAgainstCapabilities, type PostIssue } from './validation.js'
import { countText } from './text_counters.js'

/**
 * Follow-up parts: what comes after the main post on one account. A `thread` part is a reply
 * by the account to its previous part (the first one to the main post); a `first_comment` is
 * a comment under the main post. The app publishes them one by one, in order, after the main
 * post, each as its own step with its own idempotency key.
 */
export const PART_KINDS = ['thread', 'first_comment'] as const
export type PartKind = (typeof PART_KINDS)[number]

/**
 * Where a published post (the main one or a part) lives at the network: what a reply needs to
 * point at it. `replyRef` is whatever else the plugin said it needs besides the id (Bluesky:
 * the record's CID, for the strong refs of `reply.root` / `reply.parent`); opaque to the app.
 */
export interface PostRef {
  externalId: string
  url: string | null
  replyRef?: string | null
}

/** The part being published, as the plugin gets it. */
export interface PartInfo {
  kind: PartKind
  /** 1-based, in publish order on this account (the main post is 0). */
  position: number
  /** How many follow-up parts this account receives in all. */
  total: number
}

/**
 * The context of `publishPart` / `findPart`. `post` is the PART's draft (its text, its media,
 * and the main post's options, which a reply may have to repeat: Mastodon's visibility);
 * `idempotencyKey` is the PART's own key, stable for every attempt of this part.
 */
export interface PublishPartContext<
  Options = Record<string, unknown>,
> extends PublishContext<Options> {
  part: PartInfo
  /** The main post of the chain. */
  root: PostRef
  /** The post this part answers: the previous part, or the root for part 1 and first comments. */
  previous: PostRef
}

/** One follow-up as the checks see it (the app's stored part, or the composer's). */
export interface PartDraft {
  kind: PartKind
  text: string
  media: MediaItem[]
}

/** A post issue that belongs to one part (`part` is its 1-based position in its kind's list). */
export type PartIssue = PostIssue & { part?: number }

/** The thread capability of a network, `null` when it has none. */
export function threadOf(capabilities: Capabilities): ThreadCapability | null {
  return capabilities.thread || null
}

/** The first-comment capability of a network, `null` when it has none. */
export function firstCommentOf(capabilities: Capabilities): FirstCommentCapability | null {
  return capabilities.firstComment || null
}

/** Whether this network takes follow-ups of this kind. */
export function acceptsPartKind(capabilities: Capabilities, kind: PartKind) {
  return kind === 'thread' ? !!threadOf(capabilities) : !!firstCommentOf(capabilities)
}

/**
 * The capability rules one part is checked against: the post's own rules for a thread reply
 * (same counter, same limit, media within `mediaPerPart`), the comment's length and
 * attachment count for a first comment. Media a part cannot carry at all is refused through
 * the generic "images/video not supported" issues.
 */
function partRules(capabilities: Capabilities, kind: PartKind): Capabilities | null {
  const thread = threadOf(capabilities)
  const comment = firstCommentOf(capabilities)
  const maxMedia = kind === 'thread' ? thread?.mediaPerPart : comment?.media
  if (maxMedia === undefined) return null
  const limitText = kind === 'first_comment' && comment ? comment.maxLength : null
  return {
    ...capabilities,
    text: {
      ...capabilities.text,
      ...(limitText !== null ? { limit: limitText } : {}),
      // A reply or comment always needs words or an attachment.
      optionalWithMedia: maxMedia > 0,
    },
    mediaRequired: false,
    attachments: { max: Math.min(maxMedia, capabilities.attachments?.max ?? maxMedia) },
    images: maxMedia > 0 ? capabilities.images : undefined,
    video: maxMedia > 0 ? capabilities.video : undefined,
  }
}

/**
 * Every check of one account's follow-ups, with the network's counting rules per part: kinds
 * the network does not take, too many parts, and each part's text and media. Issues carry the
 * part's position in its own kind's list. `explicit` is false for parts inherited from the
 * post's shared list: a network that does not take that kind simply skips them.
 */
export function checkParts(
  capabilities: Capabilities,
  parts: PartDraft[],
  options: { explicit: boolean } = { explicit: true }
): PartIssue[] {
  const issues: PartIssue[] = []
  for (const kind of PART_KINDS) {
    const ofKind = parts.filter((part) => part.kind === kind)
    if (!ofKind.length) continue
    const rules = partRules(capabilities, kind)
    if (!rules) {
      if (options.explicit)
        issues.push({
          code: kind === 'thread' ? 'thread_not_supported' : 'first_comment_not_supported',
        })
      continue
    }
    const max = kind === 'thread' ? threadOf(capabilities)!.maxParts : 1
    if (ofKind.length > max)
      issues.push({ code: 'too_many_parts', params: { count: ofKind.length, max } })
    ofKind.forEach((part, index) => {
      for (const issue of validateAgainstCapabilities(rules, { ...part, options: {} }))
        issues.push({ ...issue, part: index + 1 })
    })
  }
  return issues
}

/** The parts one network publishes, in publish order: the thread first, then the first comment. */
export function partsToPublish<P extends { kind: PartKind }>(
  capabilities: Capabilities,
  parts: P[]
) {
  return PART_KINDS.flatMap((kind) =>
    acceptsPartKind(capabilities, kind) ? parts.filter((part) => part.kind === kind) : []
  )
}

/** A part's length in its network's unit (the composer's counter under each part). */
export function partLength(capabilities: Capabilities, text: string) {
  return countText(text, capabilities.text.counter)
}

/** How far a plugin's `findPart` can settle an unanswered part (as `reconcileLevel` for posts). */
export function partReconcileLevel(
  capabilities: Capabilities,
  plugin: { findPart?: unknown }
): ReconcileLevel {
  if (!plugin.findPart) return false
  return capabilities.reconcile ?? 'best-effort'
}
