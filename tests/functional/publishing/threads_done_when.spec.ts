import { test } from '@japa/runner'
import { publishNow } from '#actions/posts/publish_now'
import { withCleanState } from '#tests/helpers/database'
import { ApiContract } from '#tests/functional/api/_openapi'
import { makeToken } from '#tests/functional/api/_fixtures'
import { eventsUrl } from '#tests/functional/calendar/_fixtures'
import { makeUser, makeWorkspace } from '#tests/functional/workspaces/_helpers'
import { DateTime } from 'luxon'
import { rolledUp, settled, startWorker, withWorld } from './_fixtures.js'
import { chainOf, linkage, threadDraft, threadTexts, withThreadsFake } from './_threads.js'

test.group(
  'Threads: a 3-part thread through the app to each network that chains replies',
  (group) => {
    withCleanState(group)
    const world = withWorld(group)
    const threads = withThreadsFake(group, world)

    test('X, Bluesky, Mastodon and Threads: the main post, then parts 1–3 in order, each answering the one before (read by each fake)', async ({
      assert,
      cleanup,
    }) => {
      const { runner } = await startWorker()
      cleanup(async () => {
        await runner.stop()
      })
      const networks = {
        x: { account: world.accounts.x, fake: world.x },
        bluesky: { account: world.accounts.bluesky, fake: world.bluesky },
        mastodon: { account: world.accounts.mastodon, fake: world.mastodon },
        threads: { account: threads.account, fake: threads.fake },
      }
      const drafts = await Promise.all(
        Object.entries(networks).map(async ([network, { account }]) => {
          const created = await threadDraft(world, account, network)
          assert.deepEqual(created.checks[0].issues, [], `${network} accepts the thread`)
          await publishNow({ post: created.post, actor: world.owner })
          return { network, ...created }
        })
      )
      for (const { network, post, body, parts } of drafts) {
        await settled(post.id, ['published', 'failed', 'unknown'], 20_000)
        const { delivery, parts: chain } = await chainOf(post.id)
        assert.equal(delivery.status, 'published', `${network}: ${delivery.lastError}`)
        assert.equal(await rolledUp(post.id, 'published'), 'published')
        const { fake } = networks[network as keyof typeof networks]
        assert.equal(fake.storedPost(delivery.externalId!)?.text, body, `${network}: the main post`)
        assert.deepEqual(
          chain.map((part) => [part.position, part.status]),
          [
            [1, 'published'],
            [2, 'published'],
            [3, 'published'],
          ],
          network
        )
        assert.lengthOf(new Set(chain.map((part) => part.idempotencyKey)), 3)
        for (const [index, link] of linkage(fake, delivery.externalId!, chain).entries()) {
          assert.equal(link.text, parts[index], `${network} part ${index + 1} as written`)
          assert.equal(
            link.answers,
            link.expected,
            `${network} part ${index + 1} answers the one before`
          )
        }
        assert.isNotNull(chain[2].externalUrl, `${network}: each part has its link`)
      }
    }).timeout(60_000)

    test('through the public API: parts in, the published chain out, as documented', async ({
      assert,
      client,
      cleanup,
    }) => {
      const api = new ApiContract()
      const { runner } = await startWorker()
      cleanup(async () => {
        await runner.stop()
      })
      const { secret: token } = await makeToken(world.workspace, world.owner)
      const texts = threadTexts('api')
      const created = await api.call(client, {
        method: 'post',
        path: '/api/v1/posts',
        token,
        body: {
          body: texts.body,
          targets: [
            { accountId: world.accounts.mastodon.id },
            { accountId: world.accounts.bluesky.id },
          ],
          parts: texts.parts.map((text) => ({ kind: 'thread', text })),
        },
      })
      assert.equal(created.status, 201)
      assert.deepEqual(
        created.body.data.parts.map((part: { position: number; text: string }) => [
          part.position,
          part.text,
        ]),
        texts.parts.map((text, index) => [index + 1, text])
      )
      assert.isTrue(
        created.body.checks.every((check: { issues: unknown[] }) => !check.issues.length)
      )
      const postId = created.body.data.id
      await api.call(client, { method: 'post', path: `/api/v1/posts/${postId}/publish-now`, token })
      await settled(postId, ['published', 'failed', 'unknown'], 20_000)
      const read = await api.call(client, { method: 'get', path: `/api/v1/posts/${postId}`, token })
      for (const target of read.body.data.targets) {
        assert.equal(target.status, 'published')
        assert.deepEqual(
          target.chain.map((part: { status: string; text: string }) => [part.status, part.text]),
          texts.parts.map((text) => ['published', text])
        )
        assert.isNull(target.stoppedAtPart)
        assert.isNull(target.parts, 'the targets take the shared follow-ups')
      }

      // The calendar marks the thread: the main post and three parts.
      const now = DateTime.utc()
      const calendar = await client
        .get(eventsUrl(world.workspace, now.minus({ days: 1 }), now.plus({ days: 1 })))
        .loginAs(world.owner)
      const event = calendar.body().events.find((shown: { id: number }) => shown.id === postId)
      assert.deepEqual(event.followUps, { threadParts: 3, firstComment: false })

      // Another workspace's token cannot reach this delivery.
      const stranger = await makeUser()
      const { secret: foreignToken } = await makeToken(await makeWorkspace(stranger), stranger)
      const deliveryId = read.body.data.targets[0].deliveryId
      const foreign = await client
        .post(`/api/v1/posts/${postId}/deliveries/${deliveryId}/retry-parts`)
        .bearerToken(foreignToken)
        .json({ from: 1 })
      assert.equal(foreign.status(), 404)
      // Its own token, on a thread that did not stop: a conflict, nothing moves.
      const notStopped = await api.call(client, {
        method: 'post',
        path: `/api/v1/posts/${postId}/deliveries/${deliveryId}/retry-parts`,
        token,
        body: { from: 1 },
      })
      assert.equal(notStopped.status, 409)
    }).timeout(60_000)

    test('a refused part leaves the earlier ones published, names the part, and "retry from part 2" finishes the thread without re-sending', async ({
      assert,
      client,
      cleanup,
    }) => {
      const { runner } = await startWorker()
      cleanup(async () => {
        await runner.stop()
      })
      const created = await threadDraft(world, world.accounts.mastodon, 'refused')
      // Part 2's request is refused once, for good (a 422 is not worth retrying).
      world.mastodon.server.failNext(
        world.mastodon.publishPath,
        { kind: 'status', status: 422, json: { error: 'Validation failed: text is not allowed' } },
        'POST',
        (request) => request.body.status === created.parts[1]
      )
      await publishNow({ post: created.post, actor: world.owner })
      await settled(created.post.id, ['published', 'failed', 'unknown'], 20_000)
      const stopped = await chainOf(created.post.id)
      assert.equal(stopped.delivery.status, 'failed')
      assert.match(stopped.delivery.lastError!, /^Part 2 of 3: /)
      assert.deepEqual(
        stopped.parts.map((part) => part.status),
        ['published', 'failed', 'pending']
      )
      assert.equal(await rolledUp(created.post.id, 'failed'), 'failed')

      // The post page offers the retry; a wrong part number is refused.
      const page = await client
        .get(`/w/${world.workspace.slug}/posts/${created.post.id}`)
        .loginAs(world.owner)
        .withInertia()
      const shown = page.inertiaProps.post as {
        deliveries: { stoppedAtPart: number | null; chain: unknown[] }[]
      }
      assert.equal(shown.deliveries[0].stoppedAtPart, 2)
      assert.lengthOf(shown.deliveries[0].chain, 3)
      const url = `/w/${world.workspace.slug}/posts/${created.post.id}/deliveries/${stopped.delivery.id}/retry-parts`
      await client.post(url).loginAs(world.owner).withCsrfToken().form({ from: 3 }).redirects(0)
      assert.equal(
        (await chainOf(created.post.id)).delivery.status,
        'failed',
        'part 3 cannot skip part 2'
      )

      const retried = await client
        .post(url)
        .loginAs(world.owner)
        .withCsrfToken()
        .form({ from: 2 })
        .redirects(0)
      assert.equal(retried.status(), 302)
      await settled(created.post.id, ['published', 'failed', 'unknown'], 20_000)
      const finished = await chainOf(created.post.id)
      assert.equal(finished.delivery.status, 'published', finished.delivery.lastError ?? '')
      assert.equal(finished.delivery.externalId, stopped.delivery.externalId)
      assert.equal(finished.parts[0].externalId, stopped.parts[0].externalId)
      for (const [index, link] of linkage(
        world.mastodon,
        finished.delivery.externalId!,
        finished.parts
      ).entries())
        assert.equal(link.answers, link.expected, `part ${index + 1} answers the one before`)
      // Each text reached the network once: the main post and part 1 were not sent again.
      const sent = world.mastodon.server
        .requestsTo('POST', '/api/v1/statuses')
        .map((request) => request.body.status)
      assert.deepEqual(
        [created.body, ...created.parts].map((text) => sent.filter((s) => s === text).length),
        [1, 1, 2, 1],
        'part 2 twice (refused, then retried), every other text once'
      )
    }).timeout(60_000)
  }
)
