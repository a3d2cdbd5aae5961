import vine, { errors } from '@vinejs/vine'
import i18nManager from '@adonisjs/i18n/services/main'
import { newPasswordSchema } from '#validators/password'

/** IANA zones the runtime knows, plus `UTC` (the column default), which Intl lists only as an alias. */
export const TIMEZONES: string[] = Array.from(
  new Set(['UTC', ...Intl.supportedValuesOf('timeZone')])
)

/** Trimmed, lower-cased e-mail: the same address always maps to the same account. */
const email = () => vine.string().trim().maxLength(254).email().toLowerCase()

/** A password being chosen: long enough, not a common one, typed twice. */
const newPassword = () => newPasswordSchema().confirmed()

const fullName = () => vine.string().trim().minLength(1).maxLength(120)

const locale = () => vine.string().in(i18nManager.supportedLocales())

/** No uniqueness rule: the answer must not tell whether an address has an account. */
export const signupValidator = vine.create({
  fullName: fullName(),
  email: email(),
  password: newPassword(),
  timezone: vine.string().in(TIMEZONES).optional(),
})

export const confirmSignupValidator = vine.create({
  token: vine.string().trim().maxLength(128),
  password: vine.string().maxLength(128),
})

export const loginValidator = vine.create({
  email: email(),
  password: vine.string().maxLength(128),
})

export const forgotPasswordValidator = vine.create({
  email: email(),
})

export const resetPasswordValidator = vine.create({
  token: vine.string().trim().maxLength(128),
  password: newPassword(),
})

export const updateProfileValidator = vine.create({
  fullName: fullName(),
  locale: locale(),
  timezone: vine.string().in(TIMEZONES),
})

/**
 * Changing the sign-in address needs the current password (re-authentication). No
 * uniqueness rule: the answer must not tell whether an address has an account.
 */
export const updateEmailValidator = vine.create({
  email: email(),
  currentPassword: vine.string().maxLength(128),
})

export const confirmEmailValidator = vine.create({
  token: vine.string().trim().maxLength(128),
})

export const updatePasswordValidator = vine.create({
  currentPassword: vine.string().maxLength(128),
  password: newPassword(),
})

export const localeValidator = vine.create({
  locale: locale(),
})

/**
 * A failure found after validation (wrong credentials, expired link…) reported like
 * a validation error, so the form shows it next to the field it concerns.
 */
export function formError(field: string, message: string, rule = 'invalid') {
  return new errors.E_VALIDATION_ERROR([{ field, message, rule }])
}
