import { DateTime } from 'luxon'
import Post from '#models/post'
import { awaitsClient } from '#services/reviews/client_gate'
import { contentFingerprint } from '#services/reviews/fingerprint'
import { holdForClient } from '#services/reviews/hold'
import { recordPostActivity } from '#services/reviews/post_activity'

/**
 * After an edit: if the client reviewed other content than what the post now holds, their
 * verdict (an approval, or a request for changes now addressed) is void — the review page
 * says so, the timeline records it, and with
 * "client approval required" a scheduled post goes back on hold. Returns whether it reset.
 */
export async function resetClientApprovalIfChanged(postId: number, actorId: number) {
  const post = await Post.findOrFail(postId)
  if (!post.clientStatus) return false
  if (post.clientApprovedFingerprint === (await contentFingerprint(post.id))) return false
  const previous = post.clientStatus
  post.merge({ clientStatus: null, clientApprovedFingerprint: null, clientResetAt: DateTime.utc() })
  await post.save()
  if (await awaitsClient(post)) await holdForClient(post)
  await recordPostActivity({
    workspaceId: post.workspaceId,
    postId: post.id,
    kind: 'client_approval_reset',
    actorId,
    meta: { previous },
  })
  return true
}
