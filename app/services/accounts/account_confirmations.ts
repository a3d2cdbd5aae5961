import { createHash, randomBytes } from 'node:crypto'
import { DateTime } from 'luxon'
import AccountConfirmation, { type ConfirmationPurpose } from '#models/account_confirmation'

/** How long a sign-up or e-mail change link works. */
export const CONFIRMATION_TTL_HOURS = 24

/** Now, in the format the connection stores timestamps in (comparable in SQL on both dialects). */
function sqlNow() {
  return DateTime.now().toFormat(AccountConfirmation.query().client.dialect.dateTimeFormat)
}

function hashToken(token: string) {
  return createHash('sha256').update(token).digest('hex')
}

type ConfirmationFields = Partial<
  Pick<
    AccountConfirmation,
    'userId' | 'fullName' | 'passwordHash' | 'locale' | 'timezone' | 'nextPath'
  >
>

/**
 * Stores a new confirmation and returns its token in clear, to be mailed (256 random bits;
 * only the hash is kept). Expired rows, which may hold a pending sign-up's password hash,
 * are removed on the way.
 */
export async function issueConfirmation(
  purpose: ConfirmationPurpose,
  email: string,
  fields: ConfirmationFields
) {
  await AccountConfirmation.query().where('expires_at', '<', sqlNow()).delete()
  const token = randomBytes(32).toString('base64url')
  await AccountConfirmation.create({
    ...fields,
    purpose,
    email,
    tokenHash: hashToken(token),
    expiresAt: DateTime.now().plus({ hours: CONFIRMATION_TTL_HOURS }),
  })
  return token
}

/** The confirmation a link points to, while neither used nor expired. */
export async function findUsableConfirmation(purpose: ConfirmationPurpose, token: string) {
  if (!token || token.length > 128) return null
  const record = await AccountConfirmation.query()
    .where('purpose', purpose)
    .where('token_hash', hashToken(token))
    .first()
  if (!record || record.usedAt || record.expiresAt <= DateTime.now()) return null
  return record
}

/** Marks it used; false when another request did first, so a link works exactly once. */
export async function consumeConfirmation(record: AccountConfirmation) {
  const affected = await AccountConfirmation.query()
    .where('id', record.id)
    .whereNull('used_at')
    .update({ used_at: sqlNow() })
  return Number(Array.isArray(affected) ? affected[0] : affected) === 1
}

/** Drops the account's pending e-mail changes (a new password cancels them). */
export async function cancelEmailChanges(userId: number) {
  await AccountConfirmation.query()
    .where('purpose', 'email_change')
    .where('user_id', userId)
    .whereNull('used_at')
    .delete()
}
