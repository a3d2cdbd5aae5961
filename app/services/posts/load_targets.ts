import SocialAccount from '#models/social_account'

/**
 * The workspace's accounts a post targets, by id. Ids of other workspaces, or of
 * disconnected accounts, come back in `missing` (never trust ids from a form).
 */
export async function loadTargetAccounts(workspaceId: number, ids: number[]) {
  const unique = [...new Set(ids)]
  const rows = unique.length
    ? await SocialAccount.query()
        .where('workspace_id', workspaceId)
        .whereIn('id', unique)
        .whereNot('status', 'disconnected')
    : []
  const accounts = new Map(rows.map((account) => [account.id, account]))
  return { accounts, missing: unique.filter((id) => !accounts.has(id)) }
}
