import LibraryItem from '#models/library_item'
import SocialAccount from '#models/social_account'
import { signaturesFor, signText } from '#sdk/signatures'

/**
 * The workspace's automatic signatures, read once, as a function that signs one account's
 * text with them (the SDK's rule, as the composer applies it).
 */
export async function signerFor(workspaceId: number) {
  const snippets = await LibraryItem.query()
    .where('workspace_id', workspaceId)
    .where('kind', 'snippet')
    .orderBy('name')
  return (account: { id: number; network: string }, text: string) =>
    signText(text, signaturesFor(snippets, account))
}

/**
 * Targets of a post that comes in without the composer (createPost for the API, MCP, feeds,
 * evergreen and series; the API's replace for the accounts it adds): each account whose text an
 * automatic signature changes gets that signed text as its own version, as picking the account
 * in the composer does. Accounts in `keep` (already on the post) keep their text; ids that are
 * not the workspace's are left for the post's own checks to refuse.
 */
export async function signTargets<T extends { socialAccountId: number; text?: string | null }>(
  workspaceId: number,
  body: string,
  targets: T[],
  keep: number[] = []
): Promise<T[]> {
  const accounts = new Map(
    (
      await SocialAccount.query()
        .where('workspace_id', workspaceId)
        .whereIn(
          'id',
          targets.map((target) => target.socialAccountId)
        )
    ).map((account) => [account.id, account])
  )
  return signTargetsOf(workspaceId, body, targets, accounts, keep)
}

/** `signTargets` for a caller that has loaded the accounts already (createPost). */
export async function signTargetsOf<T extends { socialAccountId: number; text?: string | null }>(
  workspaceId: number,
  body: string,
  targets: T[],
  accounts: Map<number, { id: number; network: string }>,
  keep: number[] = []
): Promise<T[]> {
  const sign = await signerFor(workspaceId)
  return targets.map((target) => {
    const account = accounts.get(target.socialAccountId)
    if (!account || keep.includes(account.id)) return target
    const text = target.text ?? body
    const signed = sign(account, text)
    return signed === text ? target : { ...target, text: signed }
  })
}
