import { test } from '@japa/runner'
import { publishNow } from '#actions/posts/publish_now'
import {
  flushTracing,
  startTracing,
  stopTracing,
  tracingRequested,
} from '#services/telemetry/tracing'
import { inSpan, tracingActive } from '#services/telemetry/spans'
import { withCleanState } from '#tests/helpers/database'
import { startOtlpReceiver } from '#tests/helpers/otlp_receiver'
import { draft, settled, startWorker, withWorld } from '#tests/functional/publishing/_fixtures'

const OTEL_KEYS = ['OTEL_EXPORTER_OTLP_ENDPOINT', 'OTEL_SERVICE_NAME'] as const

test.group('Tracing / settings', () => {
  test('off unless an OTLP endpoint or exporter is configured', ({ assert }) => {
    assert.isFalse(tracingRequested({}))
    assert.isTrue(tracingRequested({ OTEL_EXPORTER_OTLP_ENDPOINT: 'http://collector:4318' }))
    assert.isTrue(
      tracingRequested({ OTEL_EXPORTER_OTLP_TRACES_ENDPOINT: 'http://c:4318/v1/traces' })
    )
    assert.isTrue(tracingRequested({ OTEL_TRACES_EXPORTER: 'otlp' }))
    assert.isFalse(
      tracingRequested({
        OTEL_EXPORTER_OTLP_ENDPOINT: 'http://c:4318',
        OTEL_TRACES_EXPORTER: 'none',
      })
    )
    assert.isFalse(
      tracingRequested({ OTEL_EXPORTER_OTLP_ENDPOINT: 'http://c:4318', OTEL_SDK_DISABLED: 'true' })
    )
    assert.isFalse(tracingActive())
  })
})

test.group('Tracing / spans exported over OTLP/HTTP', (group) => {
  withCleanState(group)
  const world = withWorld(group)
  let receiver: Awaited<ReturnType<typeof startOtlpReceiver>>
  group.each.setup(async () => {
    receiver = await startOtlpReceiver()
    const saved = Object.fromEntries(OTEL_KEYS.map((key) => [key, process.env[key]]))
    process.env.OTEL_EXPORTER_OTLP_ENDPOINT = receiver.endpoint
    process.env.OTEL_SERVICE_NAME = 'pistache-under-test'
    await startTracing('web')
    return async () => {
      await stopTracing()
      await receiver.close()
      for (const key of OTEL_KEYS)
        if (saved[key] === undefined) delete process.env[key]
        else process.env[key] = saved[key]
    }
  })

  test('an HTTP request is a server span named by its route, continuing the caller’s trace', async ({
    client,
    assert,
  }) => {
    const traceId = '4bf92f3577b34da6a3ce929d0e0e4736'
    const callerSpan = '00f067aa0ba902b7'
    await client
      .get('/w/some-workspace/posts/12345')
      .header('traceparent', `00-${traceId}-${callerSpan}-01`)
    await flushTracing()

    const span = receiver.spans.find((s) => s.name === 'GET /w/:workspace/posts/:post')
    assert.exists(span, JSON.stringify(receiver.spans.map((s) => s.name)))
    assert.equal(span!.service, 'pistache-under-test')
    assert.equal(span!.kind, 2)
    assert.equal(span!.traceId, traceId)
    assert.equal(span!.parentSpanId, callerSpan)
    assert.equal(span!.attributes['http.route'], '/w/:workspace/posts/:post')
    assert.isNumber(span!.attributes['http.response.status_code'])
    assert.include(receiver.contentTypes[0], 'application/json')
  })

  test('a publish job is a consumer span carrying the delivery id, each network call a child of it', async ({
    assert,
    cleanup,
  }) => {
    const { runner } = await startWorker()
    cleanup(async () => void (await runner.stop()))
    // Mastodon answers 500 once, then publishes: two jobs, two calls, two traces.
    world.mastodon.server.failNext(world.mastodon.publishPath, { kind: 'status', status: 500 })
    const { post } = await draft(world, [
      { socialAccountId: world.accounts.mastodon.id },
      { socialAccountId: world.accounts.bluesky.id },
    ])
    // Queued inside a span (as a request would): the job links back to it.
    await inSpan('test schedules', {}, () => publishNow({ post, actor: world.owner }))
    const deliveries = await settled(post.id)
    assert.deepEqual(deliveries.map((d) => `${d.network}:${d.status}`).sort(), [
      'bluesky:published',
      'mastodon:published',
    ])
    await runner.stop()
    await flushTracing()

    const jobSpans = receiver.spans.filter((s) => s.name === 'publish publish_delivery')
    const mastodon = deliveries.find((d) => d.network === 'mastodon')!
    const mastodonJobs = jobSpans.filter(
      (s) => s.attributes['pistache.delivery.id'] === mastodon.id
    )
    assert.lengthOf(mastodonJobs, 2)
    for (const job of mastodonJobs) {
      assert.equal(job.kind, 5)
      assert.equal(job.attributes['pistache.post.id'], post.id)
      assert.equal(job.attributes['pistache.workspace.id'], world.workspace.id)
      assert.equal(job.attributes['messaging.destination.name'], 'publish')
    }
    // Producer → consumer: the first run links to the span that queued it, the retry to the
    // run that queued the retry.
    const producer = receiver.spans.find((s) => s.name === 'test schedules')!
    const linked = (job: (typeof jobSpans)[number]) => job.links.map((link) => link.spanId)
    assert.isTrue(mastodonJobs.some((job) => linked(job).includes(producer.spanId)))
    assert.isTrue(
      mastodonJobs.some((job) => mastodonJobs.some((other) => linked(job).includes(other.spanId)))
    )
    const calls = receiver.spans.filter(
      (s) => s.kind === 3 && mastodonJobs.some((job) => job.spanId === s.parentSpanId)
    )
    assert.lengthOf(calls, 2, 'one network call under each Mastodon job')
    for (const call of calls) {
      const job = mastodonJobs.find((s) => s.spanId === call.parentSpanId)!
      assert.equal(call.traceId, job.traceId)
      assert.equal(call.attributes['pistache.network'], 'mastodon')
      assert.equal(call.attributes['http.request.method'], 'POST')
      assert.notInclude(String(call.attributes['url.full']), '?')
    }
    const statuses = calls.map((c) => c.attributes['http.response.status_code']).sort()
    assert.deepEqual(statuses, [200, 500])
    assert.equal(
      calls.find((c) => c.attributes['http.response.status_code'] === 500)!.statusCode,
      2
    )

    const bluesky = deliveries.find((d) => d.network === 'bluesky')!
    const blueskyJob = jobSpans.find((s) => s.attributes['pistache.delivery.id'] === bluesky.id)!
    assert.exists(blueskyJob)
    // Bluesky's call(s) hang under their own job, never under a Mastodon one.
    const blueskyCalls = receiver.spans.filter(
      (s) => s.attributes['pistache.network'] === 'bluesky' && s.kind === 3
    )
    assert.isAbove(blueskyCalls.length, 0)
    for (const call of blueskyCalls) assert.equal(call.parentSpanId, blueskyJob.spanId)
  })
})
