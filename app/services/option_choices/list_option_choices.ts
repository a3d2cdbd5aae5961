import { createHash } from 'node:crypto'
import app from '@adonisjs/core/services/app'
import redis from '@adonisjs/redis/services/main'
import {
  isAccountSourced,
  type AccountSourcedField,
  type NetworkPlugin,
  type OptionChoice,
} from '#sdk'
import type { QueueConfig } from '#queue/types'
import type SocialAccount from '#models/social_account'
import plugins from '#services/plugins'
import { AccountSession } from '#services/publishing/account_session'

/** Long enough that typing in the composer does not hammer the network, short enough to see a new board. */
export const CHOICES_TTL_SECONDS = 300

export type ChoicesOutcome =
  | { status: 'ok'; choices: OptionChoice[] }
  | { status: 'not_found' }
  | { status: 'reconnect_required' }
  | { status: 'network_unavailable' }

/** The account-sourced select `name` of the account's network, or null when there is none. */
async function sourcedField(
  account: SocialAccount,
  name: string
): Promise<{ plugin: NetworkPlugin; field: AccountSourcedField } | null> {
  if (!(await plugins.has(account.network))) return null
  const plugin = await plugins.get(account.network)
  const field = plugin.optionFields.find((candidate) => candidate.name === name)
  return field && isAccountSourced(field) && plugin.optionChoices ? { plugin, field } : null
}

/** One cache entry per (account, field, values of the options it depends on); other query keys do not split it. */
function cacheKey(
  account: SocialAccount,
  field: AccountSourcedField,
  values: Record<string, string>
) {
  const depends = (field.dependsOn ?? []).map((name) => [name, values[name] ?? ''])
  const digest = createHash('sha256').update(JSON.stringify(depends)).digest('base64url')
  return `${app.config.get<QueueConfig>('queue').prefix}:option-choices:${account.id}:${field.name}:${digest}`
}

/**
 * Lists the choices of an account-sourced option for one connected account, through the
 * publishing pipeline's AccountSession (refresh before expiry and once after `unauthorized`,
 * under the per-account lock), cached a few minutes. The account's status is not changed
 * here: a failed read in the composer is not evidence enough to disconnect anyone.
 */
export async function listOptionChoices(
  account: SocialAccount,
  name: string,
  values: Record<string, string>
): Promise<ChoicesOutcome> {
  const found = await sourcedField(account, name)
  if (!found) return { status: 'not_found' }
  const { plugin, field } = found
  if (account.status !== 'connected') return { status: 'reconnect_required' }

  const key = cacheKey(account, field, values)
  const cached = await redis.get(key)
  if (cached) return { status: 'ok', choices: JSON.parse(cached) as OptionChoice[] }

  const dependsOn = Object.fromEntries(
    (field.dependsOn ?? [])
      .filter((dep) => values[dep] !== undefined)
      .map((dep) => [dep, values[dep]])
  )
  const session = new AccountSession(account, plugin, plugins.contextFor(plugin))
  const opened = await session.open()
  const result =
    opened === 'ready'
      ? await session.call((ctx) => plugin.optionChoices!(ctx, field.name, dependsOn))
      : opened
  if (result.status === 'unauthorized') return { status: 'reconnect_required' }
  if (result.status !== 'ok') return { status: 'network_unavailable' }
  await redis.set(key, JSON.stringify(result.value), 'EX', CHOICES_TTL_SECONDS)
  return { status: 'ok', choices: result.value }
}
