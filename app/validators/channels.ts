import vine from '@vinejs/vine'

export const instanceConnectionValidator = vine.create({
  instance: vine
    .string()
    .trim()
    .maxLength(253)
    .url({ require_protocol: false, protocols: ['http', 'https'], require_tld: false })
    .optional(),
})

/** Values typed in a credentials connect form (Bluesky); which fields exist is the plugin's business. */
export const credentialsConnectionValidator = vine.create({
  values: vine.record(vine.string().trim().maxLength(512)),
})

export const oauthCallbackValidator = vine.create({
  code: vine.string().maxLength(2048).optional(),
  state: vine.string().maxLength(256).optional(),
  error: vine.string().maxLength(256).optional(),
})

/** The origin of an instance address as users type it (`mastodon.social` means https). */
export function instanceOrigin(value: string) {
  return new URL(/^https?:\/\//i.test(value) ? value : `https://${value}`).origin
}
