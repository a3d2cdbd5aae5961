import type { TextCounter } from './text_counters.js'

/** Media rules of one kind (images or video). Absent limits mean "no limit known". */
export interface ImageRules {
  max: number
  maxBytes?: number
  /** A floor: smaller files are refused (Google Business Profile: photos of at least 10 KB). */
  minBytes?: number
  /** A ceiling of its own for some formats, over `maxBytes` (X: GIFs up to 15 MB, photos 5 MB). */
  maxBytesByFormat?: Record<string, number>
  formats: string[]
  /** Width / height, inclusive bounds (e.g. Instagram 4:5 → 0.8 to 1.91). */
  aspectRatio?: { min: number; max: number }
  /** `perPost`: the network keeps one alt text per post, not per image (Pinterest). */
  altText?: { supported: boolean; maxLength?: number; perPost?: boolean }
}

export interface VideoRules {
  max: number
  maxBytes?: number
  formats: string[]
  minSeconds?: number
  maxSeconds?: number
  maxWidth?: number
  maxHeight?: number
  aspectRatio?: { min: number; max: number }
}

export interface Capabilities {
  text: {
    /** Maximum length in the counter's unit; `limitBytes` adds a second ceiling (Bluesky). */
    limit: number
    limitBytes?: number
    counter: TextCounter
    /** Whether a post may have no text at all when it has media. */
    optionalWithMedia: boolean
  }
  images?: ImageRules
  video?: VideoRules
  /** Whether images and video may be mixed in one post. */
  mixedMedia: boolean
  /** A post must carry media (TikTok, Instagram, YouTube, Pinterest). */
  mediaRequired: boolean
  /** Networks that fetch media from a public URL rather than receiving an upload. */
  mediaByPublicUrl: boolean
  /**
   * At most this many hashtags in one post (Instagram: 30). The library shows which hashtag
   * groups would go over; absent: the network sets no limit of its own.
   */
  hashtags?: { max: number }
  /**
   * Replies chained under the post by the account itself (X, Bluesky, Mastodon, Threads): the
   * follow-up parts of a thread. `false` (or absent): the network has no native thread.
   */
  thread?: ThreadCapability | false
  /**
   * A comment under the post, by the account (Instagram, LinkedIn, Facebook, YouTube, Reddit).
   * `false` (or absent): no first comment.
   */
  firstComment?: FirstCommentCapability | false
  /** @deprecated SDK v1's flag, ignored: declare `thread` instead. */
  threads?: boolean
  /** Publishing finishes asynchronously and needs `checkStatus` polling. */
  asyncPublish: boolean
  /**
   * The network honours an idempotency key on create (Mastodon's Idempotency-Key, a Bluesky
   * record key the client chooses): repeating a create with the same key cannot post twice.
   */
  idempotencyKey: boolean
  /** Token revocation endpoint exists. `tokens.revocable` says the same (SDK v2); either is read. */
  revocable?: boolean
  /**
   * The network refuses a post whose text repeats one the account already posted (X, LinkedIn):
   * re-publishing (the evergreen queue) must rotate variants or skip the account.
   */
  refusesDuplicateText?: boolean
  /** Metrics the network can give back; the others are shown as "not available". */
  metrics: MetricName[]
  /** At most this many attachments in one post, whatever their kinds (Telegram albums: 10). */
  attachments?: { max: number }
  /**
   * How far `findByIdempotencyKey` can know whether a post exists (SDK v2):
   * - `'authoritative'`: it sees every post the account made once the network's read-after-write
   *   delay has passed, so "not found" twice means nothing was made and publishing again is safe;
   * - `'best-effort'`: a found post is certain, "not found" is not (the user is asked);
   * - `false`: the network offers no lookup (a webhook): an unanswered publish is "outcome
   *   unknown" at once, with that explanation, and the plugin needs no lookup hook.
   * Absent: `'best-effort'` when the plugin has the hook, else `false`.
   */
  reconcile?: ReconcileLevel
  /** Seconds before a new post shows in the lookup (an authoritative lookup asks twice, this far apart). */
  readAfterWriteSeconds?: number
  /**
   * `false`: the network gives no statistics at all. The app never schedules a collection for
   * it, the analytics pages say so, and the plugin needs no `fetchStats`.
   */
  stats?: boolean
  /**
   * What the network's credentials do (SDK v2). `expires: false`: a token (a bot token, an API
   * key, a webhook URL) is valid until the user changes it, so no `refresh` hook is needed;
   * `revocable: false`: nothing can be revoked at the network (the app deletes it locally).
   */
  tokens?: { expires: boolean; revocable: boolean }
}

/** What a network's native thread takes (see sdk/parts.ts for the hook that publishes a part). */
export interface ThreadCapability {
  /** Follow-up parts after the main post (the main post is not counted). */
  maxParts: number
  /** Attachments in one part (each also checked against `images` / `video`). 0: text only. */
  mediaPerPart: number
  /** Seconds the app waits between two parts (a network that reorders replies sent too fast). */
  delayBetweenPartsSeconds?: number
}

/** What a network's first comment takes: one comment, counted with the network's text counter. */
export interface FirstCommentCapability {
  maxLength: number
  /** Attachments the comment may carry (0: text only). */
  media: number
  /**
   * `fetchStats` reads a published comment by its network id as it reads a post (Reddit's
   * /api/info takes a comment's t1_ fullname): the app then keeps the comment's figures with
   * the thread parts'. Absent: the network gives no figures for a comment.
   */
  stats?: boolean
}

export type ReconcileLevel = 'authoritative' | 'best-effort' | false

export type MetricName =
  'views' | 'likes' | 'comments' | 'shares' | 'reach' | 'saves' | 'quotes' | 'clicks'

/** Per-post metrics; `null` means the network does not expose it (never shown as zero). */
export type PostMetrics = Record<MetricName, number | null>

export interface AccountMetrics {
  followers: number | null
  following: number | null
  posts: number | null
}

/** Builds a PostMetrics with every metric unknown, then the given ones. */
export function metrics(known: Partial<PostMetrics>): PostMetrics {
  return {
    views: null,
    likes: null,
    comments: null,
    shares: null,
    reach: null,
    saves: null,
    quotes: null,
    clicks: null,
    ...known,
  }
}

/** The byte ceiling of one image of this format (`maxBytesByFormat`, else `maxBytes`). */
export function imageMaxBytes(rules: ImageRules, mimeType: string) {
  return rules.maxBytesByFormat?.[mimeType] ?? rules.maxBytes
}

/** Whether the network has a token revocation endpoint (`tokens.revocable`, else the v1 `revocable`). */
export function isRevocable(capabilities: Capabilities) {
  return capabilities.tokens?.revocable ?? capabilities.revocable ?? false
}

/** Whether the network gives statistics (absent means it does). */
export function hasStats(capabilities: Capabilities) {
  return capabilities.stats !== false
}

/** How far a plugin's lookup can settle an unanswered publish (see `Capabilities.reconcile`). */
export function reconcileLevel(
  capabilities: Capabilities,
  plugin: { findByIdempotencyKey?: unknown }
): ReconcileLevel {
  if (!plugin.findByIdempotencyKey) return false
  return capabilities.reconcile ?? 'best-effort'
}
