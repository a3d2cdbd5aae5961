import { appUrl } from '#config/app'

/** The callback URL registered with each network: one fixed path per plugin. */
export function oauthRedirectUri(network: string) {
  return `${appUrl.replace(/\/$/, '')}/oauth/${network}/callback`
}
