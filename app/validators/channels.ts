import vine from '@vinejs/vine'
import type { CredentialField } from '#sdk'
import { reachableUrl } from '#validators/outbound'

/** The Mastodon instance form: a public server (checked again on every request to it). */
export const instanceConnectionValidator = vine.create({
  instance: vine
    .string()
    .trim()
    .maxLength(253)
    .url({ require_protocol: false, protocols: ['http', 'https'], require_tld: false })
    .use(reachableUrl({ assumeHttps: true }))
    .optional(),
})

const credentialsValidators = new Map<string, ReturnType<typeof buildCredentialsValidator>>()

function buildCredentialsValidator(fields: CredentialField[], trusted: string[]) {
  const text = () => vine.string().trim().maxLength(512)
  return vine.create({
    values: vine.object(
      Object.fromEntries(
        fields.map((field) => [
          field.name,
          field.type === 'url'
            ? text().use(reachableUrl({ trusted })).optional()
            : text().optional(),
        ])
      )
    ),
  })
}

/**
 * Values typed in a credentials connect form (Bluesky); which fields exist is the plugin's
 * business. Its URL fields (the service to log in to) must be public addresses, unless they
 * are one of the plugin's configured URLs.
 */
export function credentialsConnectionValidator(
  network: string,
  fields: CredentialField[],
  trusted: string[]
) {
  const key = `${network}|${trusted.join(',')}`
  let validator = credentialsValidators.get(key)
  if (!validator)
    credentialsValidators.set(key, (validator = buildCredentialsValidator(fields, trusted)))
  return validator
}

export const oauthCallbackValidator = vine.create({
  code: vine.string().maxLength(2048).optional(),
  state: vine.string().maxLength(256).optional(),
  error: vine.string().maxLength(256).optional(),
})

/** The origin of an instance address as users type it (`mastodon.social` means https). */
export function instanceOrigin(value: string) {
  return new URL(/^https?:\/\//i.test(value) ? value : `https://${value}`).origin
}
