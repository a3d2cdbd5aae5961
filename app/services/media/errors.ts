/** Codes of the reasons a file is refused; each has a translation `media.errors.<code>`. */
export type MediaRejectionCode =
  | 'empty'
  | 'too_large'
  | 'unsupported_type'
  | 'pixel_flood'
  | 'corrupt'
  | 'no_video_stream'
  | 'too_long'
  | 'dimensions'
  | 'import_blocked'
  | 'import_failed'

const STATUS: Record<MediaRejectionCode, number> = {
  empty: 422,
  too_large: 413,
  unsupported_type: 415,
  pixel_flood: 422,
  corrupt: 422,
  no_video_stream: 422,
  too_long: 422,
  dimensions: 422,
  import_blocked: 422,
  import_failed: 422,
}

/** An expected refusal of a user's file: becomes a 4xx with a translated message, never a 500. */
export class MediaRejection extends Error {
  readonly status: number
  constructor(
    readonly code: MediaRejectionCode,
    readonly params: Record<string, string | number> = {},
    detail?: string
  ) {
    super(detail ?? code)
    this.name = 'MediaRejection'
    this.status = STATUS[code]
  }
}

/** Variants are not ready yet: the publishing pipeline should try again a little later. */
export class MediaNotReadyError extends Error {
  readonly retryable = true
  constructor(message: string) {
    super(message)
    this.name = 'MediaNotReadyError'
  }
}

/** An asset or a variant cannot be made for this network; retrying will not help. */
export class MediaUnusableError extends Error {
  readonly retryable = false
  constructor(message: string) {
    super(message)
    this.name = 'MediaUnusableError'
  }
}
