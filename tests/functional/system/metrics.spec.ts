import { test } from '@japa/runner'
import app from '@adonisjs/core/services/app'
import type { MetricsConfig } from '#config/metrics'
import { publishNow } from '#actions/posts/publish_now'
import { startMetrics, stopMetrics } from '#services/telemetry/metrics'
import { withCleanState } from '#tests/helpers/database'
import {
  draft,
  settled,
  startWorker,
  waitFor,
  withWorld,
} from '#tests/functional/publishing/_fixtures'

const TOKEN = 'metrics-test-token-0123456789'

/** The value of one sample line of the exposition (`name{labels} value`), or null. */
function sample(body: string, name: string, labels: Record<string, string>) {
  for (const line of body.split('\n')) {
    if (!line.startsWith(`${name}{`)) continue
    const inner = line.slice(name.length + 1, line.lastIndexOf('}'))
    const found = Object.fromEntries(
      [...inner.matchAll(/(\w+)="([^"]*)"/g)].map((match) => [match[1], match[2]])
    )
    if (Object.entries(labels).every(([key, value]) => found[key] === value))
      return Number(line.slice(line.lastIndexOf(' ') + 1))
  }
  return null
}

test.group('Metrics / GET /metrics', (group) => {
  withCleanState(group)
  const world = withWorld(group)
  group.each.setup(() => {
    const config = app.config.get<MetricsConfig>('metrics')
    const saved = config.token
    config.token = TOKEN
    startMetrics()
    return () => {
      stopMetrics()
      config.token = saved
    }
  })

  test('refuses without its token, and is a 404 while metrics are off', async ({ client }) => {
    ;(await client.get('/metrics')).assertStatus(401)
    ;(await client.get('/metrics').header('authorization', 'Bearer wrong-token')).assertStatus(401)
    ;(await client.get('/metrics').header('authorization', `Bearer ${TOKEN}`)).assertStatus(200)
    app.config.get<MetricsConfig>('metrics').token = null
    ;(await client.get('/metrics').header('authorization', `Bearer ${TOKEN}`)).assertStatus(404)
  })

  test('counts publishes through the fakes: lateness histogram, outcomes, answers, jobs, queues', async ({
    client,
    assert,
    cleanup,
  }) => {
    const { runner } = await startWorker()
    cleanup(async () => void (await runner.stop()))
    // Mastodon answers 500 once (then publishes), X refuses the post for good (400).
    world.mastodon.server.failNext(world.mastodon.publishPath, { kind: 'status', status: 500 })
    world.x.server.failNext(world.x.publishPath, { kind: 'status', status: 400 })
    const { post } = await draft(world, [
      { socialAccountId: world.accounts.mastodon.id },
      { socialAccountId: world.accounts.bluesky.id },
      { socialAccountId: world.accounts.x.id },
    ])
    await publishNow({ post, actor: world.owner })
    const deliveries = await settled(post.id)
    assert.deepEqual(deliveries.map((d) => `${d.network}:${d.status}`).sort(), [
      'bluesky:published',
      'mastodon:published',
      'x:failed',
    ])

    // A delivery settles just before BullMQ marks its job completed: wait for the third
    // completion to be counted before reading everything else.
    const scrape = () => client.get('/metrics').header('authorization', `Bearer ${TOKEN}`)
    const completedJobs = (text: string) =>
      sample(text, 'pistache_job_duration_seconds_count', {
        queue: 'publish',
        job: 'publish_delivery',
        outcome: 'completed',
      }) ?? 0
    await waitFor(async () => completedJobs((await scrape()).text()) >= 3)
    const response = await scrape()
    response.assertStatus(200)
    assert.include(response.header('content-type'), 'text/plain')
    const body = response.text()

    const outcome = (network: string, status: string) =>
      sample(body, 'pistache_deliveries_total', { network, outcome: status })
    assert.equal(outcome('mastodon', 'published'), 1)
    assert.equal(outcome('bluesky', 'published'), 1)
    assert.equal(outcome('x', 'failed'), 1)
    assert.isNull(outcome('x', 'published'))
    // Refused with a 400: one error of the network's kind, none for the networks that published.
    assert.match(body, /^pistache_delivery_errors_total\{network="x",kind="[a-z_]+"\} 1$/m)
    assert.notMatch(body, /^pistache_delivery_errors_total\{network="(mastodon|bluesky)"/m)

    const late = (suffix: string, labels: Record<string, string>) =>
      sample(body, `pistache_publish_lateness_seconds_${suffix}`, labels)
    assert.equal(late('count', { network: 'mastodon', outcome: 'published' }), 1)
    assert.equal(late('count', { network: 'x', outcome: 'failed' }), 1)
    assert.equal(late('bucket', { network: 'bluesky', outcome: 'published', le: '+Inf' }), 1)
    // Published straight away: well under a minute late (the retry's backoff is milliseconds here).
    assert.equal(late('bucket', { network: 'bluesky', outcome: 'published', le: '60' }), 1)
    assert.isBelow(late('sum', { network: 'mastodon', outcome: 'published' })!, 60)

    assert.equal(
      sample(body, 'pistache_network_responses_total', {
        network: 'mastodon',
        status_class: '5xx',
      }),
      1
    )
    assert.equal(
      sample(body, 'pistache_network_responses_total', { network: 'x', status_class: '4xx' }),
      1
    )
    assert.isAtLeast(
      sample(body, 'pistache_job_duration_seconds_count', {
        queue: 'publish',
        job: 'publish_delivery',
        outcome: 'completed',
      })!,
      3
    )
    assert.isNotNull(sample(body, 'pistache_queue_jobs', { queue: 'publish', state: 'waiting' }))
    assert.isNotNull(sample(body, 'pistache_nodejs_eventloop_lag_seconds', {}) ?? 0)
    assert.match(body, /^pistache_process_resident_memory_bytes \d+/m)
    assert.match(body, /^pistache_nodejs_eventloop_lag_seconds \d/m)
    // Bounded labels: no post, user or account id ever becomes a label value.
    assert.notMatch(body, /(post|user|account|delivery)_?id="/i)
  })

  test('HTTP durations are labelled by route pattern, not by URL', async ({ client, assert }) => {
    await client.get('/w/some-workspace/posts/12345')
    const body = (await client.get('/metrics').header('authorization', `Bearer ${TOKEN}`)).text()
    assert.notInclude(body, '12345')
    assert.isAtLeast(
      sample(body, 'pistache_http_request_duration_seconds_count', {
        method: 'GET',
        route: '/w/:workspace/posts/:post',
      })!,
      1
    )
  })
})
