import SocialAccount from '#models/social_account'

/**
 * Whether any account still holding a token, in any workspace and on any network, depends on
 * this login grant: revoking it at the network would silently cut that account off too.
 * Without a grant key, the accounts named (same network, same external id) stand in for it:
 * an account connected before grant keys existed must not lose its token either.
 */
export async function isGrantInUse(input: {
  grant?: string | null
  network: string
  externalIds?: string[]
  exceptAccountId?: number
}): Promise<boolean> {
  const { grant, network, externalIds = [], exceptAccountId } = input
  if (!grant && !externalIds.length) return false
  const query = SocialAccount.query()
    .whereNot('status', 'disconnected')
    .whereNotNull('token_ciphertext')
    .where((scope) => {
      if (grant) scope.orWhere('grant_key', grant)
      if (externalIds.length)
        scope.orWhere((same) => same.where('network', network).whereIn('external_id', externalIds))
    })
  if (exceptAccountId !== undefined) query.whereNot('id', exceptAccountId)
  return !!(await query.first())
}
