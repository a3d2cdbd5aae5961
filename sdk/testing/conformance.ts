import { randomUUID } from 'node:crypto'
import { test } from '@japa/runner'
import type { Connection, NetworkPlugin, PostDraft, PublishContext } from '../contract.js'
import { checkPost, capabilitiesOf } from '../check_post.js'
import { hasStats, isRevocable, reconcileLevel } from '../capabilities.js'
import { isAccountSourced } from '../options.js'
import { looksLikeSecretSegment } from '../redact.js'
import type { FakeNetwork } from './fake_network.js'
import { connectThroughFake, contextFor } from './connect.js'
import { acceptedImageFixture, videoFixture } from './media_fixtures.js'
import { MediaHost } from './media_host.js'
import { captureConsole } from './capture_console.js'
import type { MediaItem } from '../contract.js'
import { partsConformance } from './conformance_parts.js'

export interface ConformanceSubject<O> {
  plugin: NetworkPlugin<O>
  startFake(): Promise<FakeNetwork>
  /** Options that make a post valid on this network (board, title, privacy…). */
  validOptions: O
  /** Options lacking a required option, for networks that have one. */
  missingRequiredOption?: O
  /**
   * Networks that refresh only a token that is still valid (Threads, Instagram Login):
   * the refresh test then refreshes a two-day-old live token instead of an expired one.
   */
  refreshWhileValid?: boolean
  /**
   * The request whose answer, when lost, leaves the outcome truly unknown (the one that
   * creates the post). Defaults to any request on the fake's publishPath.
   */
  ambiguousRequest?: { method: string; path: string }
  /**
   * Options laid over validOptions when listing account-sourced choices, where the fake
   * offers choices only for some values (Reddit flairs exist in one subreddit of its fake).
   */
  choiceOptions?: Partial<O>
  /**
   * The request that creates a follow-up part (a reply, a comment), where a lost answer leaves
   * the part's outcome unknown. Defaults to `ambiguousRequest`, else the fake's publishPath.
   */
  partRequest?: { method: string; path: string }
}

/**
 * The battery every network plugin must pass, through its fake over real HTTP.
 * Adding a network means passing this kit: call it from the plugin's tests.
 */
export function conformance<O>(subject: ConformanceSubject<O>) {
  const { plugin } = subject
  const caps = plugin.capabilities

  test.group(`conformance: ${plugin.id}`, (group) => {
    let fake: FakeNetwork
    let connection: Connection
    let mediaHost: MediaHost

    group.each.setup(async () => {
      fake = await subject.startFake()
      mediaHost = await new MediaHost().start()
      const connected = await connectThroughFake(plugin, fake)
      if (connected.status !== 'ok') throw new Error(`connect failed: ${JSON.stringify(connected)}`)
      connection = connected.value[0]
      return async () => {
        await fake.close()
        await mediaHost.close()
      }
    })

    /** Networks that fetch media by URL get items the media host serves, like the app's signed URLs. */
    const hosted = async (items: MediaItem[]) =>
      caps.mediaByPublicUrl ? Promise.all(items.map((item) => mediaHost.publish(item))) : items

    /** What a plain post carries: nothing, or one image (else a video) where media is required. */
    const baseMedia = async () => {
      if (!caps.mediaRequired) return []
      return hosted([
        caps.images
          ? acceptedImageFixture(caps.images.formats, null, caps.images.minBytes)
          : videoFixture(),
      ])
    }
    const image = (altText: string) =>
      acceptedImageFixture(caps.images?.formats ?? ['image/png'], altText, caps.images?.minBytes)

    let plainMedia: MediaItem[] = []
    group.each.setup(async () => {
      plainMedia = await baseMedia()
    })

    const publishContext = (
      post: Partial<PostDraft<O>>,
      timeoutMs?: number
    ): PublishContext<O> => ({
      ...contextFor(fake, timeoutMs),
      account: connection.profile,
      token: connection.token,
      idempotencyKey: randomUUID(),
      post: {
        text: 'Hello from the conformance kit',
        media: plainMedia,
        options: subject.validOptions,
        ...post,
      },
    })

    /** Publishes as the pipeline does: checks first, then polls while pending. */
    async function publish(ctx: PublishContext<O>) {
      let outcome = await plugin.publish(ctx)
      for (let polls = 0; outcome.status === 'pending' && polls < 20; polls++) {
        if (!plugin.checkStatus) throw new Error('pending result but no checkStatus hook')
        outcome = await plugin.checkStatus(ctx, outcome.handle)
      }
      return outcome
    }

    test('connect yields a profile and a token', ({ assert }) => {
      assert.isNotEmpty(connection.profile.externalId)
      assert.isNotEmpty(connection.profile.handle)
      assert.isNotEmpty(connection.token.accessToken)
      assert.isTrue(fake.isTokenValid(connection.token.accessToken))
    })

    test('a picker login yields several accounts of one grant, each usable on its own', async ({
      assert,
    }) => {
      if (plugin.auth.kind !== 'oauth2' || !plugin.auth.picker)
        return assert.isNotTrue(plugin.auth.picker)
      // The fake's login must offer a real choice, or the app's picker step goes untested.
      const connections = await connectThroughFake(plugin, fake)
      assert.equal(connections.status, 'ok')
      if (connections.status !== 'ok') return
      assert.isAtLeast(
        connections.value.length,
        2,
        "a picker network's fake must offer 2+ accounts"
      )
      const ids = connections.value.map((candidate) => candidate.profile.externalId)
      assert.lengthOf(new Set(ids), ids.length, 'external ids must be distinct')
      const grants = new Set(connections.value.map((candidate) => candidate.profile.grant))
      assert.lengthOf(grants, 1, 'accounts of one login carry the same grant key')
      assert.isString([...grants][0], 'picker accounts declare their grant (AccountProfile.grant)')
      for (const candidate of connections.value) {
        const outcome = await publish({
          ...publishContext({ text: `Posted as ${candidate.profile.displayName}` }),
          account: candidate.profile,
          token: candidate.token,
        })
        assert.equal(
          outcome.status,
          'ok',
          `${candidate.profile.externalId} publishes with its own token: ${JSON.stringify(outcome)}`
        )
      }
    })

    test('refresh gives a working token, or the network has no expiry', async ({ assert }) => {
      const refresh = plugin.auth.refresh
      if (caps.tokens?.expires === false) {
        // Declared: a bot token, an API key or a webhook URL stays valid until the user changes it.
        assert.isNull(connection.token.expiresAt ?? null, 'tokens.expires is false: no expiry')
        assert.isNull(
          connection.token.refreshToken ?? null,
          'tokens.expires is false: no refresh token'
        )
        return
      }
      if (!refresh) {
        assert.isNull(
          connection.token.expiresAt ?? null,
          'a token that expires needs a refresh hook'
        )
        return
      }
      if (subject.refreshWhileValid)
        fake.ageToken?.(connection.token.accessToken, 2 * 24 * 3600_000)
      else fake.expireAccessToken(connection.token.accessToken)
      const refreshed = await refresh.call(plugin.auth, {
        ...contextFor(fake),
        account: connection.profile,
        token: connection.token,
      })
      assert.equal(refreshed.status, 'ok')
      if (refreshed.status === 'ok') assert.isTrue(fake.isTokenValid(refreshed.value.accessToken))
    })

    test('revoke makes the token useless', async ({ assert }) => {
      // A network with no revocation endpoint says so; the app then only deletes the token locally.
      if (!isRevocable(caps)) return assert.isFalse(isRevocable(caps))
      assert.isFunction(plugin.auth.revoke, 'a revocable network needs auth.revoke')
      const revoked = await plugin.auth.revoke!.call(plugin.auth, {
        ...contextFor(fake),
        account: connection.profile,
        token: connection.token,
      })
      assert.equal(revoked.status, 'ok')
      assert.isFalse(fake.isTokenValid(connection.token.accessToken))
      assert.equal((await publish(publishContext({}))).status, 'unauthorized')
    })

    test('publishes text exactly as written', async ({ assert }) => {
      const text = 'Ship it 🚀 — café at https://example.com/launch'
      const ctx = publishContext({ text })
      assert.deepEqual(checkPost(plugin, ctx.post, ctx.account), [])
      const outcome = await publish(ctx)
      assert.equal(outcome.status, 'ok')
      if (outcome.status !== 'ok') return
      assert.isNotEmpty(outcome.value.externalId)
      assert.equal(fake.storedPost(outcome.value.externalId)?.text, text)
    })

    test('publishes images with their alt text', async ({ assert }) => {
      if (!caps.images) return assert.isUndefined(caps.images)
      const media = await hosted(
        [image('A pistachio on a plate'), image('Second picture')].slice(0, caps.images.max)
      )
      const outcome = await publish(publishContext({ media }))
      assert.equal(outcome.status, 'ok', JSON.stringify(outcome))
      if (outcome.status !== 'ok') return
      const stored = fake.storedPost(outcome.value.externalId)!
      assert.lengthOf(stored.media, media.length)
      if (caps.images.altText?.perPost) {
        for (const item of media) assert.include(stored.media[0].altText ?? '', item.altText!)
      } else if (caps.images.altText?.supported) {
        assert.deepEqual(
          stored.media.map((m) => m.altText),
          media.map((m) => m.altText)
        )
      }
    })

    test('publishes a video where the network allows it', async ({ assert }) => {
      if (!caps.video) return assert.isUndefined(caps.video)
      const outcome = await publish(publishContext({ media: await hosted([videoFixture()]) }))
      assert.equal(outcome.status, 'ok', JSON.stringify(outcome))
      if (outcome.status === 'ok')
        assert.equal(fake.storedPost(outcome.value.externalId)?.media[0]?.kind, 'video')
    })

    test('limits are enforced before any request', async ({ assert }) => {
      const requestsBefore = fake.server.requests.length
      const account = connection.profile
      const limit = capabilitiesOf(plugin, account).text.limit
      const tooLong = publishContext({ text: 'a'.repeat(limit + 1) })
      assert.include(
        checkPost(plugin, tooLong.post, account).map((i) => i.code),
        'text_too_long'
      )
      if (caps.attachments && caps.images) {
        const tooMany = publishContext({
          media: Array.from({ length: caps.attachments.max + 1 }, () => image('x')),
        })
        assert.include(
          checkPost(plugin, tooMany.post, account).map((i) => i.code),
          'too_many_attachments'
        )
      }
      if (caps.images) {
        const tooMany = publishContext({
          media: Array.from({ length: caps.images.max + 1 }, () => image('x')),
        })
        assert.include(
          checkPost(plugin, tooMany.post, account).map((i) => i.code),
          'too_many_images'
        )
      }
      if (subject.missingRequiredOption) {
        const missing = publishContext({ options: subject.missingRequiredOption })
        assert.include(
          checkPost(plugin, missing.post, account).map((i) => i.code),
          'option_required'
        )
      }
      assert.equal(
        fake.server.requests.length,
        requestsBefore,
        'checking a post must not call the network'
      )
    })

    test('maps 401 to unauthorized, 429 to rate_limited with retryAfter, 5xx to retryable', async ({
      assert,
    }) => {
      fake.server.failNext(fake.publishPath, { kind: 'status', status: 401 })
      assert.equal((await publish(publishContext({}))).status, 'unauthorized')

      fake.server.failNext(fake.publishPath, {
        kind: 'status',
        status: 429,
        headers: { 'retry-after': '42' },
      })
      assert.deepInclude(await publish(publishContext({})), {
        status: 'rate_limited',
        retryAfter: 42,
      })

      fake.server.failNext(fake.publishPath, { kind: 'status', status: 503 })
      assert.deepInclude(await publish(publishContext({})), { status: 'error', retryable: true })
    })

    test('no failure reason nor log line carries a credential, even one the network echoes', async ({
      assert,
    }) => {
      const secrets = [
        connection.token.accessToken,
        connection.token.refreshToken,
        fake.settings.clientSecret,
        // The secret fields of a credentials login (an app password), not its service URL.
        ...(plugin.auth.kind === 'credentials'
          ? plugin.auth.fields
              .filter((field) => field.secret)
              .map((f) => fake.credentials?.[f.name])
          : []),
      ].filter((value): value is string => typeof value === 'string' && value.length >= 8)
      // A careless network quotes the credential it refused in every field plugins read.
      const echo = `The access token ${connection.token.accessToken} is not valid`
      const json = { error: 'invalid_token', error_description: echo, message: echo, detail: echo }
      const lines = captureConsole()
      const reasons: string[] = []
      try {
        for (const fault of [
          { kind: 'status', status: 401, json },
          { kind: 'status', status: 400, json },
          { kind: 'status', status: 429, json, headers: { 'retry-after': '1' } },
          { kind: 'status', status: 503, json },
          { kind: 'lose_response' },
        ] as const) {
          fake.server.failNext(fake.publishPath, fault)
          const outcome = await publish(publishContext({ text: 'Will this fail?' }, 300))
          if ('reason' in outcome) reasons.push(outcome.reason)
        }
      } finally {
        lines.restore()
      }
      assert.isAtLeast(reasons.length, 4, 'the faults must produce failure reasons')
      // A credential in a URL (a webhook's path, a bot token segment) must not show either: reasons
      // never carry a whole URL, nor the random-looking segments of a secret URL field (its
      // numeric ids are public).
      const urlSecrets = secrets.flatMap((secret) =>
        /^https?:\/\//.test(secret)
          ? new URL(secret).pathname.split('/').filter(looksLikeSecretSegment)
          : []
      )
      for (const reason of reasons) {
        assert.notMatch(reason, /https?:\/\//, `a reason carries a URL: ${reason}`)
        for (const part of urlSecrets) assert.notInclude(reason, part, `reason: ${reason}`)
      }
      for (const secret of secrets) {
        for (const reason of reasons) assert.notInclude(reason, secret, `reason: ${reason}`)
        for (const line of lines.captured) assert.notInclude(line, secret, `log line: ${line}`)
      }
    })

    test('a timeout after sending is ambiguous, and the lookup hook can reconcile it', async ({
      assert,
    }) => {
      const target = subject.ambiguousRequest
      fake.server.failNext(
        target?.path ?? fake.publishPath,
        { kind: 'lose_response' },
        target?.method
      )
      const ctx = publishContext({ text: 'Did this go out?' }, 300)
      const outcome = await publish(ctx)
      // A network protocol may settle the question itself (a resumable upload asks its session).
      if (outcome.status === 'ok') {
        assert.equal(fake.storedPost(outcome.value.externalId)?.text, 'Did this go out?')
        return
      }
      assert.equal(outcome.status, 'ambiguous')
      const level = reconcileLevel(caps, plugin)
      if (caps.reconcile === false) {
        // Declared: the network cannot be asked (a webhook); the app marks the delivery unknown
        // and says why. Declaring it and shipping a lookup anyway would be a contradiction.
        assert.isUndefined(plugin.findByIdempotencyKey, 'reconcile is false but a lookup exists')
        return
      }
      assert.isFunction(
        plugin.findByIdempotencyKey,
        'a plugin reconciles an ambiguous publish, or declares capabilities.reconcile: false'
      )
      const found = await plugin.findByIdempotencyKey!({ ...ctx, http: contextFor(fake).http })
      assert.equal(found.status, 'ok')
      if (found.status !== 'ok') return
      assert.isNotNull(found.value, 'the post the network made must be found')
      assert.equal(fake.storedPost(found.value!.externalId)?.text, 'Did this go out?')
      if (level === 'authoritative') {
        // "Not found" is trusted enough to publish again: it must really mean not found.
        const never = publishContext({ text: 'Never sent' })
        const missing = await plugin.findByIdempotencyKey!({
          ...never,
          http: contextFor(fake).http,
        })
        assert.deepEqual(missing, { status: 'ok', value: null }, 'an authoritative lookup')
      }
    })

    test('retrying with the same idempotency key does not duplicate, where the network supports keys', async ({
      assert,
    }) => {
      if (!caps.idempotencyKey) return assert.isFalse(caps.idempotencyKey)
      const ctx = publishContext({ text: 'Only once, please' })
      const first = await publish(ctx)
      const second = await publish(ctx)
      assert.equal(first.status, 'ok')
      assert.equal(second.status, 'ok')
      if (first.status === 'ok' && second.status === 'ok')
        assert.equal(second.value.externalId, first.value.externalId)
    })

    test('account-sourced options list choices the network accepts', async ({ assert }) => {
      const fields = plugin.optionFields.filter(isAccountSourced)
      if (!fields.length)
        return assert.isUndefined(
          plugin.optionChoices,
          'optionChoices without an account-sourced field'
        )
      assert.isFunction(plugin.optionChoices, 'account-sourced fields need the optionChoices hook')
      const base = { ...subject.validOptions, ...subject.choiceOptions } as Record<string, unknown>
      for (const field of fields) {
        const choices = await plugin.optionChoices!(
          { ...contextFor(fake), account: connection.profile, token: connection.token },
          field.name,
          base
        )
        assert.equal(choices.status, 'ok', `${field.name}: ${JSON.stringify(choices)}`)
        if (choices.status !== 'ok') continue
        assert.isAbove(choices.value.length, 0, `${field.name} offers no choice`)
        for (const choice of choices.value)
          assert.isNotEmpty(choice.label, `${field.name} choice ${choice.value} has no label`)
        const ctx = publishContext({
          options: { ...base, [field.name]: choices.value[0].value } as O,
        })
        assert.deepEqual(
          checkPost(plugin, ctx.post, ctx.account),
          [],
          `${field.name}=${choices.value[0].value}`
        )
        assert.equal(
          (await publish(ctx)).status,
          'ok',
          `the network refused ${field.name}=${choices.value[0].value}`
        )
      }
    })

    test('stats are read back, unknown metrics stay null', async ({ assert }) => {
      if (!hasStats(caps)) {
        // Declared: the app schedules no collection and shows no figures for this network.
        assert.lengthOf(caps.metrics, 0, 'stats is false: no metric can be given')
        assert.isUndefined(plugin.fetchStats, 'stats is false but fetchStats exists')
        return
      }
      assert.isFunction(plugin.fetchStats, 'a network with stats needs fetchStats')
      const outcome = await publish(publishContext({ text: 'Count me' }))
      assert.equal(outcome.status, 'ok')
      if (outcome.status !== 'ok') return
      const id = outcome.value.externalId
      fake.setMetrics(id, { likes: 7, shares: 3, comments: 2, views: 120 })
      const stats = await plugin.fetchStats!(
        { ...contextFor(fake), account: connection.profile, token: connection.token },
        [id]
      )
      assert.equal(stats.status, 'ok')
      if (stats.status !== 'ok') return
      const figures = stats.value[id]
      for (const [name, value] of Object.entries({
        likes: 7,
        shares: 3,
        comments: 2,
        views: 120,
      })) {
        const metric = name as keyof typeof figures
        if (caps.metrics.includes(metric)) assert.equal(figures[metric], value, `metric ${name}`)
        else assert.isNull(figures[metric], `metric ${name} is not available on ${plugin.id}`)
      }
    })
  })
  // Threads and first comments: their own battery, for plugins that declare either.
  partsConformance(subject)
}
