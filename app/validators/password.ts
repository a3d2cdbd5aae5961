import vine from '@vinejs/vine'
import {
  isCommonPassword,
  PASSWORD_MAX_LENGTH,
  PASSWORD_MIN_LENGTH,
} from '#services/accounts/password_policy'

/** Refuses a password from the breach lists (message key `commonPassword`). */
const notCommon = vine.createRule(
  async (value, _options, field) => {
    if (typeof value !== 'string') return
    if (await isCommonPassword(value)) {
      field.report(
        'This password is too common: it appears in lists of leaked passwords. Choose another one.',
        'commonPassword',
        field
      )
    }
  },
  { name: 'commonPassword', isAsync: true }
)

/** The schema of a password being chosen (sign-up, reset, change, `users:create`). */
export const newPasswordSchema = () =>
  vine.string().minLength(PASSWORD_MIN_LENGTH).maxLength(PASSWORD_MAX_LENGTH).use(notCommon())
