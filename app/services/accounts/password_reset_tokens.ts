import { createHash, randomBytes } from 'node:crypto'
import { DateTime } from 'luxon'
import db from '@adonisjs/lucid/services/db'
import PasswordResetToken from '#models/password_reset_token'
import type User from '#models/user'

export const RESET_TOKEN_TTL_MINUTES = 60

function hashToken(token: string) {
  return createHash('sha256').update(token).digest('hex')
}

/**
 * Issues a fresh reset token for the user and returns it in clear, to be mailed.
 * Only its SHA-256 is stored, and every earlier token of the user stops working.
 */
export async function issueResetToken(user: User) {
  const token = randomBytes(32).toString('base64url')
  await db.transaction(async (trx) => {
    await PasswordResetToken.query({ client: trx }).where('user_id', user.id).delete()
    await PasswordResetToken.create(
      {
        userId: user.id,
        tokenHash: hashToken(token),
        expiresAt: DateTime.now().plus({ minutes: RESET_TOKEN_TTL_MINUTES }),
      },
      { client: trx }
    )
  })
  return token
}

/** The stored token matching a clear one, when it is neither used nor expired. */
export async function findUsableToken(token: string) {
  const record = await PasswordResetToken.findBy('tokenHash', hashToken(token))
  if (!record || record.usedAt || record.expiresAt <= DateTime.now()) return null
  return record
}

/**
 * Marks the token used. Returns false when another request used it first, so a
 * link works exactly once even under concurrent submissions.
 */
export async function consumeToken(record: PasswordResetToken) {
  const dialect = PasswordResetToken.query().client.dialect
  const affected = await PasswordResetToken.query()
    .where('id', record.id)
    .whereNull('used_at')
    .update({ used_at: DateTime.now().toFormat(dialect.dateTimeFormat) })
  return Number(Array.isArray(affected) ? affected[0] : affected) === 1
}
