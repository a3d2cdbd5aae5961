import { test } from '@japa/runner'
import app from '@adonisjs/core/services/app'
import AuditLog from '#models/audit_log'
import { withCleanState } from '#tests/helpers/database'
import { send } from '#tests/functional/workspaces/_helpers'
import { waitFor } from '#tests/functional/publishing/_fixtures'
import { FlakyJob, adminAndMember, fixUpstream, jobDone, startFlakyWorker } from './_fixtures.js'

const SECRETS = {
  accessToken: 'tok_LIVE_a1b2c3d4e5f6g7h8i9j0',
  nestedPassword: 'hunter2-but-longer-42',
  codeInUrl: 'OAUTHCODE55aa66bb77cc88dd',
  quoted: 'QUOTEDSECRET9876543210',
}

/** A FlakyJob that fails at once (one attempt), carrying credentials in its data. */
async function failedJob(label: string) {
  const queue = await app.container.make('queue')
  const job = await queue.dispatch(
    FlakyJob,
    {
      label,
      accountId: 7,
      accessToken: SECRETS.accessToken,
      nested: { password: SECRETS.nestedPassword, keep: 'visible-value' },
      callback: `https://app.example/oauth/x/callback?code=${SECRETS.codeInUrl}&page=2`,
    },
    { attempts: 1 }
  )
  await waitFor(async () => (await job.getState()) === 'failed')
  return job
}

test.group('System / failed jobs', (group) => {
  withCleanState(group)

  test('an instance admin sees a failed job with its data masked, retries it, and it succeeds', async ({
    client,
    assert,
    cleanup,
  }) => {
    const { admin } = await adminAndMember()
    const worker = await startFlakyWorker()
    cleanup(async () => void (await worker.stop()))
    const job = await failedJob('retry-me')

    const page = await client.get('/system').loginAs(admin).withInertia()
    page.assertStatus(200)
    const body = page.text()
    for (const secret of Object.values(SECRETS)) assert.notInclude(body, secret)
    const failed = (page.inertiaProps.overview as any).failed as any[]
    const shown = failed.find((row) => row.id === job.id)
    assert.exists(shown, 'the failed job is listed')
    assert.equal(shown.queue, 'purge')
    assert.equal(shown.name, 'system_test_flaky')
    assert.include(shown.reason, 'upstream refused')
    assert.equal(shown.data.accessToken, '[redacted]')
    assert.equal(shown.data.nested.password, '[redacted]')
    // What is not a credential stays readable: that is what the admin needs.
    assert.equal(shown.data.nested.keep, 'visible-value')
    assert.equal(shown.data.accountId, 7)
    assert.include(shown.data.callback, 'page=2')
    const purge = (page.inertiaProps.overview as any).queues.find((q: any) => q.name === 'purge')
    assert.equal(purge.failed, 1)

    await fixUpstream()
    const retried = await send(client, 'post', `/system/jobs/purge/${job.id}/retry`, admin)
    retried.assertStatus(302)
    retried.assertHeader('location', '/system')
    await waitFor(() => jobDone('retry-me'))
    // The handler has returned; BullMQ moves the job to completed just after, in its own round trip.
    await waitFor(async () => (await job.getState()) === 'completed')
    assert.exists(await AuditLog.findBy('action', 'system.job_retried'))

    const after = await client.get('/system').loginAs(admin).withInertia()
    const counts = (after.inertiaProps.overview as any).queues.find((q: any) => q.name === 'purge')
    assert.equal(counts.failed, 0)
    assert.equal(counts.completedLastHour, 1, "BullMQ's metrics count the completed run")
  })

  test('remove drops a failed job; unknown queues and jobs that are not failed are 404', async ({
    client,
    assert,
    cleanup,
  }) => {
    const { admin } = await adminAndMember()
    const worker = await startFlakyWorker()
    cleanup(async () => void (await worker.stop()))
    const job = await failedJob('remove-me')

    ;(await send(client, 'delete', `/system/jobs/nope/${job.id}`, admin)).assertStatus(404)
    ;(await send(client, 'post', `/system/jobs/purge/does-not-exist/retry`, admin)).assertStatus(
      404
    )
    const removed = await send(client, 'delete', `/system/jobs/purge/${job.id}`, admin)
    removed.assertStatus(303)
    const queue = (await app.container.make('queue')).use('purge')
    assert.isUndefined(await queue.getJob(job.id!))
    // Gone: a second retry or removal finds nothing.
    ;(await send(client, 'post', `/system/jobs/purge/${job.id}/retry`, admin)).assertStatus(404)
  })
})
