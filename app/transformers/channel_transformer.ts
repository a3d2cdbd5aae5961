import { BaseTransformer } from '@adonisjs/core/transformers'
import type SocialAccount from '#models/social_account'
import { webUrl } from '#sdk/web_url'

/** A connected account: public profile and health, never a token. */
export default class ChannelTransformer extends BaseTransformer<SocialAccount> {
  /** As the Channels page shows it. */
  toObject() {
    const account = this.resource
    return {
      ...this.forCalendar(),
      // Links a network gave us: only http(s) reach the page (a `javascript:` profile link would run).
      profileUrl: webUrl(account.profileUrl),
      status: account.status,
      lastError: account.lastError,
      connectedAt: account.connectedAt.toISO()!,
    }
  }

  /** An account in the calendar's filter bar: its public profile only. */
  forCalendar() {
    const account = this.resource
    return {
      id: account.id,
      network: account.network,
      handle: account.handle,
      displayName: account.displayName,
      avatarUrl: webUrl(account.avatarUrl),
    }
  }
}
