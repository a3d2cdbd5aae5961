import { randomUUID } from 'node:crypto'
import { test } from '@japa/runner'
import type { Connection, MediaItem, Published } from '../contract.js'
import type { PublishOutcome } from '../results.js'
import { capabilitiesOf } from '../check_post.js'
import {
  checkParts,
  firstCommentOf,
  partReconcileLevel,
  threadOf,
  type PartKind,
  type PostRef,
  type PublishPartContext,
} from '../parts.js'
import type { FakeNetwork } from './fake_network.js'
import { connectThroughFake, contextFor } from './connect.js'
import { acceptedImageFixture, videoFixture } from './media_fixtures.js'
import { MediaHost } from './media_host.js'
import type { ConformanceSubject } from './conformance.js'

/**
 * The follow-ups battery (threads and first comments), for every plugin that declares
 * `thread` or `firstComment`: parts go out in order, each linked to the one it answers — as
 * the FAKE read the request, after the network's description — a lost answer is settled by
 * the lookup (or the key) without a second post, and the per-part limits hold.
 */
export function partsConformance<O>(subject: ConformanceSubject<O>) {
  const { plugin } = subject
  const caps = plugin.capabilities
  const thread = threadOf(caps)
  const comment = firstCommentOf(caps)

  test.group(`conformance: ${plugin.id} follow-ups`, (group) => {
    if (!thread && !comment) {
      test('declares no follow-ups and has no part hooks', ({ assert }) => {
        assert.isUndefined(plugin.publishPart, 'publishPart without thread or firstComment')
        assert.isUndefined(plugin.findPart, 'findPart without thread or firstComment')
      })
      return
    }
    const kind: PartKind = thread ? 'thread' : 'first_comment'
    let fake: FakeNetwork
    let connection: Connection
    let mediaHost: MediaHost
    /** What a main post carries: nothing, or one image (else a video) where media is required. */
    let rootMedia: MediaItem[] = []

    group.each.setup(async () => {
      fake = await subject.startFake()
      mediaHost = await new MediaHost().start()
      const connected = await connectThroughFake(plugin, fake)
      if (connected.status !== 'ok') throw new Error(`connect failed: ${JSON.stringify(connected)}`)
      connection = connected.value[0]
      if (caps.mediaRequired) {
        const item = caps.images
          ? acceptedImageFixture(caps.images.formats, null, caps.images.minBytes)
          : videoFixture()
        rootMedia = [caps.mediaByPublicUrl ? await mediaHost.publish(item) : item]
      }
      return async () => {
        await fake.close()
        await mediaHost.close()
      }
    })

    const account = () => ({
      ...contextFor(fake),
      account: connection.profile,
      token: connection.token,
    })

    /** Polls a pending answer as the app does (checkStatus with the handle). */
    async function settle(outcome: PublishOutcome<Published>, ctx: PublishPartContext<O>) {
      for (let polls = 0; outcome.status === 'pending' && polls < 20; polls++)
        outcome = await plugin.checkStatus!(ctx, outcome.handle)
      return outcome
    }

    /** The main post, made as the pipeline makes it. */
    async function mainPost(text: string): Promise<PostRef> {
      const ctx = {
        ...account(),
        idempotencyKey: randomUUID(),
        post: { text, media: rootMedia, options: subject.validOptions },
      }
      let outcome = await plugin.publish(ctx)
      for (let polls = 0; outcome.status === 'pending' && polls < 20; polls++)
        outcome = await plugin.checkStatus!(ctx, outcome.handle)
      if (outcome.status !== 'ok') throw new Error(`main post failed: ${JSON.stringify(outcome)}`)
      return outcome.value
    }

    const partContext = (
      text: string,
      position: number,
      total: number,
      root: PostRef,
      previous: PostRef,
      key = randomUUID(),
      timeoutMs?: number
    ): PublishPartContext<O> => ({
      ...contextFor(fake, timeoutMs),
      account: connection.profile,
      token: connection.token,
      idempotencyKey: key,
      post: { text, media: [], options: subject.validOptions },
      part: { kind, position, total },
      root,
      previous: kind === 'thread' ? previous : root,
    })

    test('declares the hook that publishes a part', ({ assert }) => {
      assert.isFunction(plugin.publishPart, 'thread or firstComment declared: publishPart needed')
    })

    test('parts go out in order, each answering the one before it (checked by the fake)', async ({
      assert,
    }) => {
      const root = await mainPost(`Thread root ${randomUUID().slice(0, 8)}`)
      const total = thread ? Math.min(3, thread.maxParts) : 1
      let previous = root
      for (let position = 1; position <= total; position++) {
        const text = `Part ${position} of the chain ${randomUUID().slice(0, 8)}`
        const ctx = partContext(text, position, total, root, previous)
        const outcome = await settle(await plugin.publishPart!(ctx), ctx)
        assert.equal(outcome.status, 'ok', JSON.stringify(outcome))
        if (outcome.status !== 'ok') return
        const stored = fake.storedPost(outcome.value.externalId)
        assert.equal(stored?.text, text, `part ${position} is stored as written`)
        assert.equal(
          stored?.inReplyTo,
          (kind === 'thread' ? previous : root).externalId,
          `part ${position} answers ${kind === 'thread' ? 'the previous part' : 'the main post'}`
        )
        if (kind === 'thread') previous = outcome.value
      }
    })

    test('a part whose answer is lost is settled without a second post', async ({ assert }) => {
      const root = await mainPost(`Lost answer root ${randomUUID().slice(0, 8)}`)
      const text = `Did this part go out? ${randomUUID().slice(0, 8)}`
      const key = randomUUID()
      const target = subject.partRequest ?? subject.ambiguousRequest
      fake.server.failNext(
        target?.path ?? fake.publishPath,
        { kind: 'lose_response' },
        target?.method
      )
      const ctx = partContext(text, 1, 2, root, root, key, 300)
      const first = await settle(await plugin.publishPart!(ctx), ctx)
      if (first.status === 'ok') {
        // The network's protocol settled it itself.
        assert.equal(fake.storedPost(first.value.externalId)?.text, text)
        return
      }
      assert.equal(first.status, 'ambiguous')
      const level = partReconcileLevel(caps, plugin)
      if (level === false) {
        assert.isUndefined(plugin.findPart, 'reconcile is false but findPart exists')
        return
      }
      const lookupCtx = partContext(text, 1, 2, root, root, key)
      const found = await plugin.findPart!(lookupCtx)
      assert.equal(found.status, 'ok')
      if (found.status !== 'ok' || !found.value)
        return assert.fail('the part the network made must be found')
      assert.equal(fake.storedPost(found.value.externalId)?.text, text)
      assert.equal(fake.storedPost(found.value.externalId)?.inReplyTo, root.externalId)
      if (caps.idempotencyKey) {
        // The same key again must give the same post back, never a second one.
        const again = await settle(await plugin.publishPart!(lookupCtx), lookupCtx)
        assert.equal(again.status, 'ok')
        if (again.status === 'ok') assert.equal(again.value.externalId, found.value.externalId)
      }
      // The chain goes on from the found part.
      const next = partContext(
        `After the lost one ${randomUUID().slice(0, 8)}`,
        2,
        2,
        root,
        found.value
      )
      const after = await settle(await plugin.publishPart!(next), next)
      assert.equal(after.status, 'ok')
      if (after.status === 'ok' && kind === 'thread')
        assert.equal(fake.storedPost(after.value.externalId)?.inReplyTo, found.value.externalId)
    })

    test('per-part limits are checked with the network’s counting rules', ({ assert }) => {
      const rules = capabilitiesOf(plugin, connection.profile)
      const limit = kind === 'thread' ? rules.text.limit : comment!.maxLength
      const part = (text: string, media: MediaItem[] = []) => ({ kind, text, media })
      const fine = checkParts(rules, [part('A fine part')])
      assert.deepEqual(fine, [])
      const tooLong = checkParts(rules, [part('ok'), part('a'.repeat(limit + 1))])
      assert.deepInclude(
        tooLong.map(({ code, part: at }) => ({ code, part: at })),
        { code: 'text_too_long', part: 2 }
      )
      const max = kind === 'thread' ? thread!.maxParts : 1
      const many = checkParts(
        rules,
        Array.from({ length: max + 1 }, (_, i) => part(`Part ${i + 1}`))
      )
      assert.include(
        many.map((issue) => issue.code),
        'too_many_parts'
      )
      const perPart = kind === 'thread' ? thread!.mediaPerPart : comment!.media
      const formats = rules.images?.formats ?? ['image/png']
      const images = Array.from({ length: perPart + 1 }, () => acceptedImageFixture(formats, 'alt'))
      const crowded = checkParts(rules, [part('With pictures', images)])
      assert.isNotEmpty(crowded, `${perPart + 1} attachments in one part must be refused`)
      assert.isTrue(crowded.every((issue) => issue.part === 1))
    })
  })
}
