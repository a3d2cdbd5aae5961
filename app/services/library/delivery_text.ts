import Workspace from '#models/workspace'
import type Delivery from '#models/delivery'
import type Post from '#models/post'
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
  const workspace = await Workspace.findOrFail(post.workspaceId)
  const values = await variableValues({
    workspace,
    account,
    instant: post.scheduledAt ?? delivery.createdAt,
  })
  return expandVariables(text, values)
}
