import User from '#models/user'

export interface SignUpInput {
  fullName: string
  email: string
  password: string
  timezone?: string
  locale: string
}

/**
 * Creates the account. The e-mail arrives lower-cased and unique from the
 * validator; the password is hashed by the model before it is saved. The
 * browser's own time zone, when it sent one, saves a trip to the profile page.
 */
export async function signUp(input: SignUpInput) {
  return User.create({
    fullName: input.fullName,
    email: input.email,
    password: input.password,
    locale: input.locale,
    timezone: input.timezone ?? 'UTC',
  })
}
