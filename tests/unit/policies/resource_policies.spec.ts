import { test } from '@japa/runner'
import MediaAsset from '#models/media_asset'
import Post from '#models/post'
import SocialAccount from '#models/social_account'
import User from '#models/user'
import WorkspaceMember from '#models/workspace_member'
import PostPolicy from '#policies/post_policy'
import MediaPolicy from '#policies/media_policy'
import AccountPolicy from '#policies/account_policy'
import type { Role } from '#services/roles'

const user = (id: number) => new User().merge({ id })
const member = (userId: number, role: Role, workspaceId = 1) =>
  new WorkspaceMember().merge({ userId, role, workspaceId })
const post = (authorId: number, status: Post['status'] = 'pending_approval', workspaceId = 1) =>
  new Post().merge({ authorId, status, workspaceId })

test.group('Resource policies', () => {
  const posts = new PostPolicy()

  test('editors and up edit; viewers and non-members do not', ({ assert }) => {
    assert.isTrue(posts.edit(user(1), member(1, 'editor'), post(2)))
    assert.isFalse(posts.edit(user(1), member(1, 'viewer'), post(2)))
    assert.isFalse(posts.edit(user(1), null, post(2)))
    assert.isTrue(posts.view(user(1), member(1, 'viewer'), post(2)))
  })

  test('a member of another workspace is refused the post, whatever the role', ({ assert }) => {
    const foreign = member(1, 'owner', 2)
    assert.isFalse(posts.view(user(1), foreign, post(2)))
    assert.isFalse(posts.edit(user(1), foreign, post(2)))
    assert.isFalse(posts.review(user(1), foreign, post(2)))
    assert.isFalse(
      new MediaPolicy().edit(user(1), foreign, new MediaAsset().merge({ workspaceId: 1 }))
    )
    assert.isFalse(
      new AccountPolicy().manage(user(1), foreign, new SocialAccount().merge({ workspaceId: 1 }))
    )
  })

  test('admins review posts of others, never their own', ({ assert }) => {
    assert.isTrue(posts.review(user(1), member(1, 'admin'), post(2)))
    assert.isFalse(posts.review(user(1), member(1, 'owner'), post(1)))
    assert.isFalse(posts.review(user(1), member(1, 'editor'), post(2)))
    assert.isTrue(posts.review(user(1), member(1, 'admin')), 'role alone, without a post')
  })

  test('the editor button shows only until publishing starts', ({ assert }) => {
    assert.isTrue(posts.editNow(user(1), member(1, 'editor'), post(1, 'scheduled')))
    assert.isFalse(posts.editNow(user(1), member(1, 'editor'), post(1, 'published')))
  })

  test('editors drag their own posts only; admins any', ({ assert }) => {
    assert.isTrue(posts.move(user(1), member(1, 'editor'), post(1)))
    assert.isFalse(posts.move(user(1), member(1, 'editor'), post(2)))
    assert.isTrue(posts.move(user(1), member(1, 'admin'), post(2)))
    assert.isFalse(posts.move(user(1), member(1, 'viewer'), post(1)))
  })

  test('what admins write skips review; what editors write does not', ({ assert }) => {
    assert.isTrue(posts.skipReview(user(1), member(1, 'admin'), post(1)))
    assert.isFalse(posts.skipReview(user(1), member(1, 'editor'), post(1)))
  })
})
