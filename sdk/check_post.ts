import type { AccountProfile, NetworkPlugin, PostDraft } from './contract.js'
import { validateAgainstCapabilities, type PostIssue } from './validation.js'
import { validateOptions } from './options.js'

/** The capabilities that apply to one account of a network. */
export function capabilitiesOf<O>(plugin: NetworkPlugin<O>, account?: AccountProfile) {
  return account && plugin.capabilitiesFor ? plugin.capabilitiesFor(account) : plugin.capabilities
}

/**
 * Every check a post must pass before a request goes to the network: the generic
 * capability rules, then the plugin's own. The app, the composer and the
 * conformance kit all call this one function.
 */
export function checkPost<O>(
  plugin: NetworkPlugin<O>,
  post: PostDraft<O>,
  account?: AccountProfile
): PostIssue[] {
  return [
    ...validateAgainstCapabilities(capabilitiesOf(plugin, account), post),
    ...validateOptions(plugin.optionFields, (post.options ?? {}) as Record<string, unknown>),
    ...(plugin.validate?.(post) ?? []),
  ]
}
