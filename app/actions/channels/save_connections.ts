import { DateTime } from 'luxon'
import db from '@adonisjs/lucid/services/db'
import type { Connection } from '#sdk'
import SocialAccount from '#models/social_account'
import { sealToken } from '#services/token_vault'

/**
 * Stores freshly connected accounts in a workspace. Reconnecting an account that is
 * already there replaces its token and profile and clears any disconnection, in one
 * transaction: either every account of the login is saved, or none.
 */
export async function saveConnections(input: {
  workspaceId: number
  network: string
  connections: Connection[]
  userId: number
}) {
  return db.transaction(async (trx) => {
    const saved: SocialAccount[] = []
    for (const { profile, token } of input.connections) {
      const account =
        (await SocialAccount.query({ client: trx })
          .where('workspace_id', input.workspaceId)
          .where('network', input.network)
          .where('external_id', profile.externalId)
          .first()) ?? new SocialAccount()
      account.useTransaction(trx)
      account.merge({
        workspaceId: input.workspaceId,
        network: input.network,
        externalId: profile.externalId,
        handle: profile.handle,
        displayName: profile.displayName,
        avatarUrl: profile.avatarUrl ?? null,
        profileUrl: profile.profileUrl ?? null,
        meta: profile.meta ?? null,
        grantKey: profile.grant ?? null,
        status: 'connected',
        lastError: null,
        connectedById: input.userId,
        connectedAt: DateTime.now(),
        disconnectedAt: null,
        purgeAfter: null,
      })
      sealToken(account, token)
      await account.save()
      saved.push(account)
    }
    return saved
  })
}
