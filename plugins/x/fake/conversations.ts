import type { FakeReply } from '#sdk/testing/fake_server'
import { problem } from './replies.js'

/** What a stored post keeps of its place in a conversation. */
export interface Threaded {
  id: string
  inReplyTo?: string | null
  conversationId?: string
  metrics: { reply_count: number }
}

/**
 * `reply.in_reply_to_tweet_id` of POST /2/tweets (CreatePostsReply in the spec): the post must
 * exist (X answers 403 otherwise). The reply joins its parent's conversation (conversation_id
 * is the id of the conversation's first post) and counts in the parent's reply_count.
 */
export function linkReply<T extends Threaded>(
  body: { reply?: { in_reply_to_tweet_id?: string } },
  posts: Map<string, T>
): { parent: T | null } | FakeReply {
  const parentId = body.reply?.in_reply_to_tweet_id
  if (parentId === undefined) return { parent: null }
  const parent = posts.get(parentId)
  if (!parent)
    return problem(
      403,
      'Forbidden',
      'You attempted to reply to a Tweet that is deleted or not visible to you.'
    )
  return { parent }
}

/** Stores the linkage on the new post once it exists. */
export function joinConversation<T extends Threaded>(post: T, parent: T | null) {
  post.inReplyTo = parent?.id ?? null
  post.conversationId = parent ? (parent.conversationId ?? parent.id) : post.id
  if (parent) parent.metrics.reply_count++
}

/** The conversation fields X adds to a post when `tweet.fields` asks for them. */
export function conversationFields(post: Threaded, fields: string[]) {
  return {
    ...(fields.includes('conversation_id')
      ? { conversation_id: post.conversationId ?? post.id }
      : {}),
    ...(fields.includes('referenced_tweets') && post.inReplyTo
      ? { referenced_tweets: [{ type: 'replied_to', id: post.inReplyTo }] }
      : {}),
  }
}
