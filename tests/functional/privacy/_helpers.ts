import yauzl from 'yauzl'
import app from '@adonisjs/core/services/app'
import ace from '@adonisjs/core/services/ace'
import db from '@adonisjs/lucid/services/db'
import type { Group } from '@japa/runner/core'
import type { PluginsConfig } from '#config/plugins'
import SocialAccount from '#models/social_account'
import type User from '#models/user'
import type Workspace from '#models/workspace'
import { openToken } from '#services/token_vault'
import { FakeMastodon } from '#plugins/mastodon/fake/server'
import { FakeBluesky } from '#plugins/bluesky/fake/server'
import { FakeX } from '#plugins/x/fake/server'
import { connectViaOAuth } from '#tests/functional/channels/_oauth'

export interface Fakes {
  mastodon: FakeMastodon
  bluesky: FakeBluesky
  x: FakeX
}

/** Starts the three network fakes for each test of the group, X pointed at its fake. */
export function withFakes(group: Group) {
  const fakes = {} as Fakes
  group.each.setup(async () => {
    ;[fakes.mastodon, fakes.bluesky, fakes.x] = await Promise.all([
      FakeMastodon.start(),
      FakeBluesky.start(),
      FakeX.start(),
    ])
    app.config.get<PluginsConfig>('plugins').settings.x = fakes.x.settings
    return () =>
      Promise.all([fakes.mastodon.close(), fakes.bluesky.close(), fakes.x.close()]).then(() => {})
  })
  return fakes
}

/** Ace commands log into memory while a test runs. */
export function withAce(group: Group) {
  group.each.setup(() => {
    ace.ui.switchMode('raw')
    ace.ui.logger.flushLogs()
    return () => ace.ui.switchMode('normal')
  })
}

/** The logs of the commands run so far, as one string. */
export function aceOutput() {
  return ace.ui.logger
    .getLogs()
    .map((entry) => entry.message)
    .join('\n')
}

/** Connects one account on each fake through the app's real routes; returns them by network. */
export async function connectAll(client: any, user: User, workspace: Workspace, fakes: Fakes) {
  await connectViaOAuth(client, user, workspace, 'mastodon', {
    instance: fakes.mastodon.instanceUrl,
  })
  await connectViaOAuth(client, user, workspace, 'x')
  await client
    .post(`/w/${workspace.slug}/channels/bluesky/credentials`)
    .loginAs(user)
    .withCsrfToken()
    .json({ values: fakes.bluesky.credentials })
    .redirects(0)
  const accounts = await SocialAccount.query().where('workspace_id', workspace.id)
  const byNetwork = Object.fromEntries(accounts.map((account) => [account.network, account]))
  if (!byNetwork.mastodon || !byNetwork.x || !byNetwork.bluesky)
    throw new Error('an account did not connect')
  return byNetwork as Record<'mastodon' | 'x' | 'bluesky', SocialAccount>
}

/** Every plaintext secret the accounts hold (decrypted through the vault), plus credentials typed to connect. */
export function secretsOf(accounts: SocialAccount[], fakes: Fakes) {
  const secrets = new Set<string>([fakes.bluesky.account.password, fakes.x.settings.clientSecret])
  for (const account of accounts) {
    const token = openToken(account)
    if (!token) continue
    // Extra values that are secrets (an app's client secret); a client id is public and stored as such.
    const extraSecrets = Object.entries(token.extra ?? {})
      .filter(([key]) => /secret/i.test(key))
      .map(([, value]) => value)
    for (const value of [token.accessToken, token.refreshToken, ...extraSecrets]) {
      if (typeof value === 'string' && value.length >= 8) secrets.add(value)
    }
  }
  return [...secrets]
}

export async function allTables() {
  const connection = db.connection()
  return connection.getAllTables(connection.dialect.name === 'postgres' ? ['public'] : undefined)
}

/** Every entry of a ZIP file, as text. */
export function unzip(path: string): Promise<Map<string, string>> {
  return new Promise((resolve, reject) => {
    const files = new Map<string, string>()
    yauzl.open(path, { lazyEntries: true }, (error, zip) => {
      if (error) return reject(error)
      zip.on('error', reject)
      zip.on('end', () => resolve(files))
      zip.on('entry', (entry: yauzl.Entry) => {
        zip.openReadStream(entry, (streamError, stream) => {
          if (streamError) return reject(streamError)
          const chunks: Buffer[] = []
          stream.on('data', (chunk: Buffer) => chunks.push(chunk))
          stream.on('end', () => {
            files.set(entry.fileName, Buffer.concat(chunks).toString('utf8'))
            zip.readEntry()
          })
        })
      })
      zip.readEntry()
    })
  })
}
