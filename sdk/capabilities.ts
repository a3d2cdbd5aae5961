import type { TextCounter } from './text_counters.js'

/** Media rules of one kind (images or video). Absent limits mean "no limit known". */
export interface ImageRules {
  max: number
  maxBytes?: number
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
  threads: boolean
  firstComment: boolean
  /** Publishing finishes asynchronously and needs `checkStatus` polling. */
  asyncPublish: boolean
  /** The network honours an idempotency key on create (Mastodon). */
  idempotencyKey: boolean
  /** Token revocation endpoint exists. */
  revocable: boolean
  /**
   * The network refuses a post whose text repeats one the account already posted (X, LinkedIn):
   * re-publishing (the evergreen queue) must rotate variants or skip the account.
   */
  refusesDuplicateText?: boolean
  /** Metrics the network can give back; the others are shown as "not available". */
  metrics: MetricName[]
}

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
