import { DateTime } from 'luxon'
import { checkPost } from '#sdk'
import SocialAccount from '#models/social_account'
import plugins from '#services/plugins'
import { resolveLocalTime } from '#services/posts/zoned_time'
import type { CsvRecord } from '#services/csv/parse_posts'
import outbound from '#services/outbound'
import { templateFinder } from '#services/library/csv_templates'
import type { LibraryMedia } from '#models/library_item'
import { signerFor } from '#services/library/auto_signatures'
import { variablesPerAccount } from '#services/library/variable_values'
import { expandVariables } from '#sdk/text_variables'

/** A row ready to schedule, or the reasons it cannot be. Error codes are translated by the page (`api.import.errors.*`). */
export interface CheckedRow {
  line: number
  text: string
  accountIds: number[]
  accountLabels: string[]
  /** UTC ISO instant. */
  at: string | null
  mediaUrls: string[]
  /** From a library template the row names: text per network, and media already in the workspace. */
  variants: Record<string, string>
  templateMedia: LibraryMedia[]
  /**
   * The text of each account (by id) that does not publish the row's `text`: a template's
   * network version, or the text with the account's automatic signatures.
   */
  ownTexts: Record<number, string>
  errors: { code: string; params?: Record<string, string | number> }[]
}

const MAX_MEDIA = 10

/** `@name`, `name`, `mastodon:@name@host` or an id → the workspace's account. */
function accountIndex(accounts: SocialAccount[]) {
  const byKey = new Map<string, SocialAccount[]>()
  const add = (key: string, account: SocialAccount) =>
    byKey.set(key.toLowerCase(), [...(byKey.get(key.toLowerCase()) ?? []), account])
  for (const account of accounts) {
    const handle = account.handle.replace(/^@/, '')
    add(String(account.id), account)
    add(handle, account)
    add(`${account.network}:${handle}`, account)
  }
  return (token: string) =>
    byKey.get(
      token
        .replace(/^@/, '')
        .replace(/^([a-z_]+):@/i, '$1:')
        .toLowerCase()
    ) ?? []
}

const mediaUrlsOf = (record: CsvRecord) => record.mediaUrls.split(/[\s|]+/).filter(Boolean)

/**
 * Media URLs whose host is not a public address (outbound policy), so the preview says so
 * now rather than the import failing those rows at confirmation. The download checks again.
 */
async function forbiddenMediaUrls(records: CsvRecord[]) {
  const urls = [...new Set(records.flatMap(mediaUrlsOf))].filter((url) =>
    /^https?:\/\/[^\s/]+/i.test(url)
  )
  const verdicts = await Promise.all(urls.map((url) => outbound.check(url)))
  // A name that does not resolve now may later: the download at confirmation will tell.
  return new Set(
    urls.filter((_url, index) => {
      const verdict = verdicts[index]
      return !verdict.ok && verdict.reason !== 'unresolvable'
    })
  )
}

/**
 * Checks every row against the workspace as it is now: accounts known and connected
 * (ambiguous handles must be written `network:handle`), a date and time in the
 * workspace's zone that is not past, media URLs on public hosts, and each network's
 * own text rules, on the text as it will be sent (automatic signatures added, variables
 * filled in). Nothing is written.
 */
export async function checkRows(
  records: CsvRecord[],
  workspace: { id: number; timezone: string },
  now = DateTime.utc()
): Promise<CheckedRow[]> {
  const accounts = await SocialAccount.query()
    .where('workspace_id', workspace.id)
    .whereNot('status', 'disconnected')
  const find = accountIndex(accounts)
  const pluginOf = new Map<string, Awaited<ReturnType<typeof plugins.get>>>()
  for (const network of new Set(accounts.map((account) => account.network)))
    pluginOf.set(network, await plugins.get(network))
  const forbidden = await forbiddenMediaUrls(records)
  const findTemplate = await templateFinder(workspace.id)
  const sign = await signerFor(workspace.id)
  const valuesOf = await variablesPerAccount(workspace.id, now)

  return records.map((record) => {
    const errors: CheckedRow['errors'] = []
    const template = record.template.trim() ? findTemplate(record.template, record.text) : null
    // A missing template is the row's one text problem: its empty text is not reported again.
    const missingTemplate = record.template.trim() !== '' && !template
    if (missingTemplate)
      errors.push({ code: 'unknown_template', params: { template: record.template.slice(0, 80) } })
    const text = (template?.text ?? record.text).replace(/\r\n/g, '\n')
    const variants = template?.variants ?? {}
    const templateMedia = template?.media ?? []
    const mediaUrls = mediaUrlsOf(record)
    if (!missingTemplate && !text.trim() && !mediaUrls.length && !templateMedia.length)
      errors.push({ code: 'text_required' })

    const chosen = new Map<number, SocialAccount>()
    const tokens = record.accounts.split(/[\s,;|]+/).filter(Boolean)
    if (!tokens.length) errors.push({ code: 'accounts_required' })
    for (const token of tokens) {
      const matches = find(token)
      if (!matches.length) errors.push({ code: 'unknown_account', params: { account: token } })
      else if (matches.length > 1)
        errors.push({ code: 'ambiguous_account', params: { account: token } })
      else chosen.set(matches[0].id, matches[0])
    }

    const resolved = resolveLocalTime(record.datetime.replace(' ', 'T'), workspace.timezone)
    if (!record.datetime) errors.push({ code: 'datetime_required' })
    else if (!resolved)
      errors.push({ code: 'datetime_invalid', params: { value: record.datetime } })
    else if (resolved.utc < now)
      errors.push({ code: 'datetime_past', params: { value: record.datetime } })

    if (mediaUrls.length > MAX_MEDIA)
      errors.push({ code: 'too_many_media', params: { max: MAX_MEDIA } })
    for (const url of mediaUrls) {
      if (!/^https?:\/\/[^\s/]+/i.test(url))
        errors.push({ code: 'media_url_invalid', params: { value: url.slice(0, 100) } })
      else if (forbidden.has(url))
        errors.push({ code: 'media_url_forbidden', params: { value: url.slice(0, 100) } })
    }

    const ownTexts: Record<number, string> = {}
    for (const account of chosen.values()) {
      const ownText = sign(account, variants[account.network] ?? text)
      if (ownText !== text) ownTexts[account.id] = ownText
    }
    for (const account of missingTemplate ? [] : chosen.values()) {
      const plugin = pluginOf.get(account.network)!
      const sent = expandVariables(ownTexts[account.id] ?? text, valuesOf(account))
      const hasMedia = mediaUrls.length > 0 || templateMedia.length > 0
      const issues = checkPost(
        plugin,
        { text: sent, media: [], options: {} },
        account.toPluginProfile()
      )
        // Media is fetched at confirmation; text-only rules are what can be told now.
        .filter((issue) => !(hasMedia && ['media_required', 'text_required'].includes(issue.code)))
      // The issue's own params (length, limit…) travel along so the page can word the rule like the composer does.
      for (const issue of issues)
        errors.push({
          code: 'network_rule',
          params: { ...issue.params, network: plugin.displayName, rule: issue.code },
        })
    }

    return {
      line: record.line,
      text,
      accountIds: [...chosen.keys()],
      accountLabels: [...chosen.values()].map((account) => `${account.network}:${account.handle}`),
      at: resolved ? resolved.utc.toISO() : null,
      mediaUrls,
      variants,
      templateMedia,
      ownTexts,
      errors,
    }
  })
}
