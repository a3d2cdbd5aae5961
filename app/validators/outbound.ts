import vine from '@vinejs/vine'
import outbound from '#services/outbound'

interface ReachableUrlOptions {
  /** Addresses typed without a scheme mean https (`mastodon.social`). */
  assumeHttps?: boolean
  /** Origins an operator configured (a plugin's base URLs): accepted as they are. */
  trusted?: string[]
}

const withScheme = (value: string, assumeHttps?: boolean) =>
  assumeHttps && !/^[a-z][a-z0-9+.-]*:\/\//i.test(value) ? `https://${value}` : value

/**
 * A URL the app may later send requests to: http(s), and a host that resolves only to public
 * addresses (or one the operator allowed), under the same outbound policy the requests
 * themselves go through. Checked when the address is saved so the user hears about it at
 * once; every request is checked again, since DNS can change in between.
 */
export const reachableUrl = vine.createRule<ReachableUrlOptions | undefined>(
  async (value, options, field) => {
    if (typeof value !== 'string' || !value || !field.isValid) return
    const url = withScheme(value, options?.assumeHttps)
    let origin: string | null = null
    try {
      origin = new URL(url).origin
    } catch {}
    if (origin && options?.trusted?.some((trusted) => new URL(trusted).origin === origin)) return
    const verdict = await outbound.check(url)
    // A name that does not resolve yet is no address at all; every request checks it again.
    if (!verdict.ok && verdict.reason !== 'unresolvable')
      field.report(
        'The {{ field }} field must be a public internet address',
        'outboundUrl',
        field,
        { reason: verdict.reason }
      )
  },
  { isAsync: true }
)
