import Workspace from '#models/workspace'
import Post from '#models/post'
import type Delivery from '#models/delivery'
import type SocialAccount from '#models/social_account'
import { expandVariables } from '#sdk/text_variables'
import { variableValues } from '#services/library/variable_values'

/**
 * The text a network receives for one delivery: its variant (or the post's body) with the
 * workspace's `{{variables}}` filled in. Built once per publish session; every input is
 * stored data, so a retry or a reconciliation rebuilds exactly the same text.
 */
export async function deliveryText(
  delivery: Delivery,
  post: Pick<Post, 'body' | 'workspaceId' | 'scheduledAt'>,
  account: Pick<SocialAccount, 'displayName' | 'handle'> | null
) {
  const text = delivery.textFor(post)
  if (!text.includes('{{')) return text
  return expandVariables(text, await valuesFor(delivery, post, account))
}

async function valuesFor(
  delivery: Delivery,
  post: Pick<Post, 'workspaceId' | 'scheduledAt'>,
  account: Pick<SocialAccount, 'displayName' | 'handle'> | null
) {
  const workspace = await Workspace.findOrFail(post.workspaceId)
  return variableValues({ workspace, account, instant: post.scheduledAt ?? delivery.createdAt })
}

/**
 * A thread's or first comment's parts with the same values filled in as the main post. Called
 * once, when the parts are written as the delivery's steps: the stored step is what is sent.
 */
export async function partsWithVariables<P extends { text: string }>(
  delivery: Delivery,
  account: Pick<SocialAccount, 'displayName' | 'handle'>,
  parts: P[]
): Promise<P[]> {
  if (!parts.some((part) => part.text.includes('{{'))) return parts
  const post = await Post.findOrFail(delivery.postId)
  const values = await valuesFor(delivery, post, account)
  return parts.map((part) => ({ ...part, text: expandVariables(part.text, values) }))
}
