import Post from '#models/post'
import NotFoundException from '#exceptions/not_found_exception'

/**
 * A post of this workspace, or a 404 — never another workspace's, whatever id the URL
 * carries. Controllers call it before reading the body, so a foreign id is a 404 even
 * with an invalid body.
 */
export async function findWorkspacePost(workspaceId: number, id: unknown) {
  const postId = Number(id)
  const post =
    Number.isSafeInteger(postId) && postId > 0
      ? await Post.query().where('workspace_id', workspaceId).where('id', postId).first()
      : null
  if (!post) throw new NotFoundException()
  return post
}
