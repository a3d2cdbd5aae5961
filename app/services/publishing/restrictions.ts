import type Post from '#models/post'

/**
 * Whether the post's author asked us to stop processing their data (GDPR art. 18), in
 * which case nothing is sent to a network on their behalf. Always false until the privacy
 * work adds the restriction column; the privacy engineer fills this in. The pipeline
 * already calls it before every publish and fails the delivery with a clear reason.
 */
export async function isProcessingRestricted(_post: Post): Promise<boolean> {
  return false
}
