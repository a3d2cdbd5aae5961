import type Post from '#models/post'
import { isProcessingRestricted as isUserRestricted } from '#services/privacy/restriction'

/**
 * Whether the post's author asked us to stop processing their data (GDPR art. 18), in
 * which case nothing is sent to a network on their behalf. The pipeline calls it before
 * every publish and fails the delivery with a clear reason.
 */
export function isProcessingRestricted(post: Post): Promise<boolean> {
  // A post whose author was deleted has no one left to restrict it.
  return post.authorId === null ? Promise.resolve(false) : isUserRestricted(post.authorId)
}
