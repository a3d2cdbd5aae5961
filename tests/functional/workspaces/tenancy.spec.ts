import { test } from '@japa/runner'
import router from '@adonisjs/core/services/router'
import db from '@adonisjs/lucid/services/db'
import string from '@adonisjs/core/helpers/string'
import Workspace from '#models/workspace'
import WorkspaceInvitation from '#models/workspace_invitation'
import WorkspaceMember from '#models/workspace_member'
import SocialAccount from '#models/social_account'
import MediaAsset from '#models/media_asset'
import Post from '#models/post'
import { DateTime } from 'luxon'
import { newInvitationToken } from '#services/workspaces/invitation_tokens'
import { withCleanState } from '#tests/helpers/database'
import { addMember, makeUser, makeWorkspace } from './_helpers.js'

/**
 * Tenancy proof. A signed-in member of one workspace calls EVERY registered route
 * with the identifiers of another workspace (its slug, its members, invitations and
 * whatever other areas add) and must get 403 or 404, never that workspace's data,
 * and must change nothing in it.
 *
 * The walker reads the router, so new routes are covered as soon as they exist.
 * A new route either:
 *  - takes a `:param` resolved below (`:workspace`, `:member`, `:invitation`, `:token`,
 *    or any `:thing` / `:thingId` backed by a table `things` with a `workspace_id`
 *    column: seed a row of it for the foreign workspace in `seedForeignWorkspace`), or
 *  - holds no workspace-scoped data and is listed in SKIPPED with the reason.
 * Scoped controllers should load the resource (404) before validating the body.
 */
const SKIPPED: { pattern: string; reason: string }[] = [
  ...['/__transmit/events', '/__transmit/subscribe', '/__transmit/unsubscribe'].map((pattern) => ({
    pattern,
    reason:
      'live-update plumbing addressed by client id, not by workspace; channel membership is checked on subscribe (calendar/live.spec)',
  })),
  {
    pattern: '/',
    reason: 'redirects to one of the caller’s own workspaces (covered in workspaces.spec)',
  },
  { pattern: '/workspaces/new', reason: 'form to create a workspace of one’s own' },
  { pattern: '/workspaces', reason: 'creates a new workspace owned by the caller' },
  { pattern: '/health', reason: 'operational probe, no data' },
  { pattern: '/login', reason: 'guest-only sign-in' },
  { pattern: '/signup', reason: 'guest-only sign-up' },
  ...['/signup/confirm/:token', '/signup/confirm'].map((pattern) => ({
    pattern,
    reason: 'guest-only, addressed by a sign-up confirmation token, before any account exists',
  })),
  { pattern: '/logout', reason: 'ends the caller’s own session' },
  {
    pattern: '/forgot-password',
    reason: 'guest-only, addressed by e-mail, answers the same for every address',
  },
  {
    pattern: '/reset-password',
    reason: 'guest-only, addressed by a password-reset token of a user, not a workspace',
  },
  {
    pattern: '/reset-password/:token',
    reason: 'guest-only, addressed by a password-reset token of a user, not a workspace',
  },
  { pattern: '/profile', reason: 'the caller’s own account' },
  { pattern: '/profile/email', reason: 'the caller’s own account' },
  ...['/profile/email/confirm/:token', '/profile/email/confirm'].map((pattern) => ({
    pattern,
    reason: 'addressed by an e-mail change token of a user (account-level), not a workspace',
  })),
  { pattern: '/profile/password', reason: 'the caller’s own account' },
  { pattern: '/locale', reason: 'the caller’s own language preference' },
  ...[
    '/notifications',
    '/notifications/all',
    '/notifications/read',
    '/notifications/:notification/read',
  ].map((pattern) => ({
    pattern,
    reason:
      'the caller’s own notices, read by user id; another user’s id is a 404 (tests/functional/notifications/bell.spec.ts)',
  })),
  { pattern: '/privacy', reason: 'the caller’s own privacy page (user-level)' },
  { pattern: '/privacy/exports', reason: 'queues the caller’s own export' },
  {
    pattern: '/privacy/exports/:export/download',
    reason: 'the caller’s own export: signed link and owner check (privacy/export.spec)',
  },
  { pattern: '/privacy/restriction', reason: 'the caller’s own restriction of processing' },
  { pattern: '/privacy/account', reason: 'deletes the caller’s own account' },
  {
    pattern: '/oauth/:network/callback',
    reason:
      'acts only on a connection the caller started in their own session; forged or replayed states are refused (channels/connect.spec)',
  },
  { pattern: '/api/v1/openapi.json', reason: 'the public API description, no workspace data' },
  {
    pattern: '/mcp',
    reason:
      'MCP over bearer tokens: the token names its workspace; another workspace sees nothing (tests/functional/mcp/mcp_server.spec.ts)',
  },
  // Bearer-token API: a session is ignored (401 without a token); foreign ids with a token are 404s in api/api.spec.
  ...[
    '/api/v1/posts',
    '/api/v1/posts/:post',
    '/api/v1/posts/:post/schedule',
    '/api/v1/posts/:post/publish-now',
    '/api/v1/posts/:post/deliveries/:delivery/retry-parts',
    '/api/v1/posts/:post/metrics',
    '/api/v1/accounts',
    '/api/v1/media',
    '/api/v1/media/:media',
    '/api/v1/queue/next-slot',
    '/api/v1/review-links',
    '/api/v1/review-links/:link',
    '/api/v1/posts/:post/comments',
    '/api/v1/library',
    '/api/v1/library/:libraryItem',
  ].map((pattern) => ({
    pattern,
    reason:
      'bearer-token API: the token names its workspace; foreign ids answer 404 (tests/functional/api/api.spec.ts)',
  })),
]

const DISTINCTIVE = {
  workspace: 'Zebra Foreign Holdings',
  ownerName: 'Olga Foreignowner',
  ownerEmail: 'olga.foreign@example.com',
  memberEmail: 'mallory.foreign@example.com',
  inviteeEmail: 'invitee.foreign@example.com',
}

interface Foreign {
  ownerId: number
  workspace: Workspace
  member: WorkspaceMember
  invitation: WorkspaceInvitation
  token: string
  channel: SocialAccount
  seriesId: number
}

async function seedForeignWorkspace(): Promise<Foreign> {
  const owner = await makeUser({ fullName: DISTINCTIVE.ownerName, email: DISTINCTIVE.ownerEmail })
  const workspace = await makeWorkspace(owner, DISTINCTIVE.workspace)
  const { member } = await addMember(
    workspace,
    'editor',
    await makeUser({ email: DISTINCTIVE.memberEmail })
  )
  const { token, tokenHash, expiresAt } = newInvitationToken()
  const invitation = await WorkspaceInvitation.create({
    workspaceId: workspace.id,
    invitedById: owner.id,
    email: DISTINCTIVE.inviteeEmail,
    role: 'admin',
    tokenHash,
    expiresAt,
    acceptedAt: null,
  })
  const channel = await SocialAccount.create({
    workspaceId: workspace.id,
    network: 'mastodon',
    externalId: '9001',
    handle: '@zebra@foreign.example',
    displayName: DISTINCTIVE.workspace,
    status: 'connected',
    connectedAt: DateTime.now(),
  })
  // Resolves `:post`; its body is a secret no probe may reveal.
  const post = await Post.create({
    workspaceId: workspace.id,
    authorId: owner.id,
    body: `${DISTINCTIVE.workspace} launch`,
    status: 'draft',
  })
  // Client review: `:reviewLink` and `:postComment` resolve to the foreign workspace's rows.
  const { default: ReviewLink } = await import('#models/review_link')
  const { default: PostComment } = await import('#models/post_comment')
  await ReviewLink.create({
    workspaceId: workspace.id,
    label: `${DISTINCTIVE.workspace} review`,
    tokenHash: 'f'.repeat(64),
    passwordHash: null,
    locale: 'en',
    clientEmail: null,
    accountIds: null,
    rangeStart: null,
    rangeEnd: null,
    createdById: owner.id,
    expiresAt: DateTime.utc().plus({ days: 14 }),
    revokedAt: null,
    lastOpenedAt: null,
  })
  await PostComment.create({
    workspaceId: workspace.id,
    postId: post.id,
    source: 'internal',
    authorId: owner.id,
    reviewLinkId: null,
    clientName: null,
    kind: 'comment',
    body: `${DISTINCTIVE.workspace} internal note`,
    mentions: [],
    editedAt: null,
  })
  // Automation: `:feed` resolves through the `feeds` table, `:series` through `post_series`.
  const now = DateTime.utc().toSQL({ includeOffset: false })
  await db.table('feeds').insert({
    workspace_id: workspace.id,
    url: 'https://news.example/feed.xml',
    title: `${DISTINCTIVE.workspace} news`,
    mode: 'draft',
    template: '{{title}} {{link}}',
    target_account_ids: JSON.stringify([channel.id]),
    include_words: '[]',
    exclude_words: '[]',
    max_items_per_fetch: 5,
    created_by_id: owner.id,
    created_at: now,
  })
  const [series] = await db
    .table('post_series')
    .insert({
      workspace_id: workspace.id,
      created_by_id: owner.id,
      rule: 'FREQ=WEEKLY;COUNT=3',
      starts_at_local: '2030-03-04T09:00',
      body: `${DISTINCTIVE.workspace} weekly`,
      targets: JSON.stringify([{ socialAccountId: channel.id, text: null, options: {} }]),
      media: '[]',
      created_at: now,
    })
    .returning('id')
  const seriesId = typeof series === 'object' ? series.id : series
  // Evergreen queue: `:evergreen_item` resolves through `evergreen_items`.
  await db.table('evergreen_items').insert({
    workspace_id: workspace.id,
    created_by_id: owner.id,
    variants: JSON.stringify([`${DISTINCTIVE.workspace} evergreen`]),
    target_account_ids: JSON.stringify([channel.id]),
    min_gap_days: 7,
    active: true,
    created_at: now,
  })
  // Media library: one asset so the `:media_asset` routes resolve to the foreign workspace.
  await MediaAsset.create({
    workspaceId: workspace.id,
    uploadedById: owner.id,
    kind: 'image',
    originalName: `${DISTINCTIVE.workspace}.jpg`,
    mimeType: 'image/jpeg',
    bytes: 1,
    width: 1,
    height: 1,
    durationSeconds: null,
    altText: null,
    status: 'ready',
    failureReason: null,
    storageKey: `w${workspace.id}/originals/none.jpg`,
    thumbnailKey: null,
    sha256: '0'.repeat(64),
  })
  // Content library: `:libraryItem` resolves through `library_items`; its text is a secret too.
  await db.table('library_items').insert({
    workspace_id: workspace.id,
    kind: 'template',
    name: `${DISTINCTIVE.workspace} template`,
    body: `${DISTINCTIVE.workspace} template body`,
    network_variants: '{}',
    media: '[]',
    auto_networks: '[]',
    auto_account_ids: '[]',
    created_by_id: owner.id,
    created_at: now,
  })
  // API settings: `:apiToken`, `:webhook` and `:webhookDelivery` resolve to the foreign workspace's rows.
  const { issueToken } = await import('#services/api/tokens')
  await issueToken({
    workspaceId: workspace.id,
    name: 'Foreign token',
    scope: 'write',
    createdById: owner.id,
  })
  const { default: Webhook } = await import('#models/webhook')
  const { default: WebhookDelivery } = await import('#models/webhook_delivery')
  const hook = await Webhook.create({
    workspaceId: workspace.id,
    url: 'https://hooks.example/foreign',
    events: ['delivery.published'],
    active: true,
    secretCiphertext: 'sealed',
    createdById: owner.id,
  })
  await WebhookDelivery.create({
    webhookId: hook.id,
    workspaceId: workspace.id,
    event: 'delivery.published',
    payload: {},
    status: 'failed',
    attempts: 1,
    responseStatus: 500,
    lastError: null,
    nextAttemptAt: null,
    deliveredAt: null,
  })
  return { ownerId: owner.id, workspace, member, invitation, token, channel, seriesId }
}

/** Param name → the foreign workspace's value for it. */
const KNOWN_PARAMS: Record<string, (foreign: Foreign) => string> = {
  workspace: (foreign) => foreign.workspace.slug,
  member: (foreign) => String(foreign.member.id),
  invitation: (foreign) => String(foreign.invitation.id),
  // Invitation links carry a bearer token: the foreign one, addressed to someone else.
  token: (foreign) => foreign.token,
  channel: (foreign) => String(foreign.channel.id),
  // Table `post_series` (the param's plural is itself, so the lookup by name cannot find it).
  series: (foreign) => String(foreign.seriesId),
  // A network id is public; what matters is the workspace in the same URL.
  network: () => 'mastodon',
  // An option name is public (the plugin's field list); the channel in the same URL is what is scoped.
  field: () => 'board',
  // System area (instance admins only, system/access.spec): a queue name and a job id name no workspace.
  queue: () => 'publish',
  job: () => 'any-job',
  // Only the System area addresses a delivery by itself (instance admins: system/access.spec).
  delivery: () => '1',
}

/** Params that name no workspace data (a network id): one's own workspace with them is legitimate. */
const UNSCOPED_PARAMS = new Set(['network', 'field', 'queue', 'job'])

/** `post`, `postId`, `media_item` → a row id of `posts` / `media_items` that belongs to the foreign workspace. */
async function foreignRowId(param: string, foreign: Foreign) {
  const base = string.snakeCase(param.replace(/_?id$/i, ''))
  const connection = db.connection()
  // PostgreSQL lists tables per schema; the application's live in `public`.
  const tables = new Set(
    await connection.getAllTables(connection.dialect.name === 'postgres' ? ['public'] : undefined)
  )
  for (const table of [string.pluralize(base), base]) {
    if (!tables.has(table)) continue
    const columns = await db.connection().columnsInfo(table)
    if (!('workspace_id' in columns)) continue
    const row = await db
      .from(table)
      .where('workspace_id', foreign.workspace.id)
      .select('id')
      .first()
    if (row) return String(row.id)
  }
  return null
}

interface Probe {
  method: string
  pattern: string
  url: string
}

/** Every (method, pattern) of the router, with URLs aimed at the foreign workspace. */
async function probes(foreign: Foreign, ownSlug: string) {
  const list: Probe[] = []
  const unresolved: string[] = []
  const routes = Object.values(router.toJSON()).flat()
  for (const route of routes) {
    if (SKIPPED.some((skip) => skip.pattern === route.pattern)) continue
    const segments = route.pattern.split('/')
    const params = segments
      .filter((segment) => segment.startsWith(':'))
      .map((segment) => segment.slice(1).replace(/\?$/, ''))
    const values: Record<string, string> = {}
    for (const param of params) {
      const value = KNOWN_PARAMS[param]?.(foreign) ?? (await foreignRowId(param, foreign))
      if (value === null) unresolved.push(`${route.methods.join('|')} ${route.pattern} (:${param})`)
      else values[param] = value
    }
    const build = (overrides: Record<string, string> = {}) =>
      segments
        .map((segment) => {
          if (segment === '*') return 'x'
          if (!segment.startsWith(':')) return segment
          const name = segment.slice(1).replace(/\?$/, '')
          return encodeURIComponent(overrides[name] ?? values[name])
        })
        .join('/') || '/'
    for (const method of route.methods.filter((m) => m !== 'HEAD')) {
      list.push({ method, pattern: route.pattern, url: build() })
      // The classic hole: one's own workspace in the URL, another workspace's record after it.
      if (
        params.includes('workspace') &&
        params.some((param) => param !== 'workspace' && !UNSCOPED_PARAMS.has(param))
      ) {
        list.push({ method, pattern: route.pattern, url: build({ workspace: ownSlug }) })
      }
    }
  }
  return { list, unresolved }
}

test.group('Tenancy / every route refuses another workspace', (group) => {
  withCleanState(group)

  test('a member of another workspace gets 403 or 404 on every route, sees and changes nothing', async ({
    client,
    assert,
  }) => {
    const foreign = await seedForeignWorkspace()
    const attacker = await makeUser({ fullName: 'Eve Attacker', email: 'eve@example.com' })
    const own = await makeWorkspace(attacker, 'Eve Own Agency')
    await addMember(own, 'viewer')

    const { list, unresolved } = await probes(foreign, own.slug)
    assert.deepEqual(
      unresolved,
      [],
      'route params with no foreign fixture: seed one in seedForeignWorkspace()'
    )
    assert.isAbove(list.length, 10)
    if (process.env.TENANCY_DEBUG)
      console.log(list.map((probe) => `${probe.method} ${probe.url}`).join('\n'))
    assert.isTrue(list.some((probe) => probe.pattern.startsWith('/w/:workspace')))
    // The account picker (GET/POST/DELETE) is addressed by workspace only: its pending pick lives in the
    // caller's session, bound to user and workspace (channels/picker.spec); here a foreign slug must 404.
    for (const method of ['GET', 'POST', 'DELETE']) {
      assert.isTrue(
        list.some(
          (probe) => probe.pattern === '/w/:workspace/channels/pick' && probe.method === method
        ),
        `${method} pick is walked`
      )
    }

    const failures: string[] = []
    for (const probe of list) {
      const response = await (client as any)
        .request(probe.url, probe.method)
        .loginAs(attacker)
        .withCsrfToken()
        .withInertia()
        .json({})
        .redirects(0)
      const status = response.status()
      const body = response.text() ?? ''
      if (![403, 404].includes(status)) {
        failures.push(`${probe.method} ${probe.url} (${probe.pattern}) answered ${status}`)
      }
      for (const secret of Object.values(DISTINCTIVE)) {
        if (body.includes(secret))
          failures.push(`${probe.method} ${probe.url} revealed "${secret}"`)
      }
    }
    assert.deepEqual(
      failures,
      [],
      `not tenant-safe (or missing from SKIPPED with a reason):\n${failures.join('\n')}`
    )

    const after = await Workspace.findOrFail(foreign.workspace.id)
    assert.equal(after.name, DISTINCTIVE.workspace)
    assert.equal(after.timezone, foreign.workspace.timezone)
    assert.deepEqual(
      (await WorkspaceMember.query().where('workspace_id', foreign.workspace.id).orderBy('id')).map(
        (m) => [m.userId, m.role]
      ),
      [
        [foreign.ownerId, 'owner'],
        [foreign.member.userId, 'editor'],
      ]
    )
    const invitation = await WorkspaceInvitation.findOrFail(foreign.invitation.id)
    assert.isNull(invitation.acceptedAt)
    assert.equal(invitation.tokenHash, foreign.invitation.tokenHash)
    assert.isNull(
      await WorkspaceMember.query()
        .where('workspace_id', foreign.workspace.id)
        .where('user_id', attacker.id)
        .first()
    )
  })

  test('no route under /w/:workspace or with an id-like param is skipped', async ({ assert }) => {
    for (const skip of SKIPPED) {
      assert.isAbove(skip.reason.length, 10, `give the reason for skipping ${skip.pattern}`)
      assert.notMatch(
        skip.pattern,
        /:(workspace|member|invitation)\b/,
        `${skip.pattern} holds workspace data`
      )
    }
  })
})
