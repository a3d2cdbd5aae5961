import { test } from '@japa/runner'
import app from '@adonisjs/core/services/app'
import redis from '@adonisjs/redis/services/main'
import Delivery from '#models/delivery'
import type SocialAccount from '#models/social_account'
import type { QueueConfig } from '#queue/types'
import { WorkerHeartbeat } from '#queue/worker_heartbeat'
import { sqlTime } from '#services/publishing/settings'
import { withCleanState } from '#tests/helpers/database'
import { makeAccount, placePost, utc } from '#tests/functional/calendar/_fixtures'
import { dt, FIRST_LOAD_TIMEOUT, makeUser, makeWorkspace, screenshot, waitFor } from './_helpers.js'

/** A worker's heartbeat on the app's keys, as a running worker writes it. */
function heartbeat() {
  const queue = app.config.get<QueueConfig>('queue')
  return new WorkerHeartbeat(redis.connection(), {
    prefix: queue.prefix,
    queues: ['publish'],
    ttlMs: queue.heartbeat.ttlSeconds * 1000,
    intervalMs: 60_000,
  })
}

const setLastError = (account: SocialAccount, postId: number, patch: Record<string, unknown>) =>
  Delivery.query().where('post_id', postId).where('social_account_id', account.id).update(patch)

/** The next try the 429 asked for: 09:30:05 in Paris (the workspace's zone), a clock the test sets. */
const RETRY_AT = utc('2030-03-10T08:30:05')

test.group('Post page: stuck states in the browser', (group) => {
  withCleanState(group)

  test('a 429 shows its next try, an unknown outcome the action to take, errors worded per kind, in EN and FR; the banner while no worker runs', async ({
    visit,
    browserContext,
    assert,
    cleanup,
  }) => {
    const owner = await makeUser({ timezone: 'Europe/Paris' })
    const workspace = await makeWorkspace(owner, 'Acme Bakery')
    const world = { owner, workspace }
    const bluesky = await makeAccount(workspace, 'bluesky')
    const x = await makeAccount(workspace, 'x')
    const mastodon = await makeAccount(workspace, 'mastodon')
    await x.merge({ profileUrl: `https://x.com/${x.handle!.slice(1)}` }).save()
    const post = await placePost(world, utc('2030-03-10T08:00:00'), [bluesky, x, mastodon], {
      status: 'publishing',
      deliveryStatus: 'queued',
      body: 'Fresh pistachio croissants, out of the oven at 8',
    })
    // A 429 gives its attempt back (the network did nothing): 0 attempts, and an error.
    await setLastError(bluesky, post.id, {
      status: 'queued',
      attempts: 0,
      last_error_kind: 'rate_limited',
      last_error: 'HTTP 429 Too Many Requests: RateLimitExceeded',
      due_at: sqlTime(RETRY_AT),
    })
    await setLastError(x, post.id, {
      status: 'unknown',
      attempts: 1,
      last_error_kind: 'ambiguous',
      last_error:
        'No answer from the network (POST /2/tweets: no answer before the timeout) and the post was not found; check whether it appeared',
    })
    await setLastError(mastodon, post.id, {
      status: 'failed',
      attempts: 1,
      last_error_kind: 'unauthorized',
      last_error: 'The account needs to be reconnected (HTTP 401: The access token is invalid)',
    })

    await browserContext.loginAs(owner)
    const page = await visit(`/w/${workspace.slug}/posts/${post.id}`, {
      timeout: FIRST_LOAD_TIMEOUT,
    })
    await waitFor(page, dt('delivery-problem-bluesky'), FIRST_LOAD_TIMEOUT)

    // No worker heartbeat in this run's Redis: the banner says nothing goes out.
    await page.assertTextContains(dt('workers-down'), 'Nothing is being published right now')
    const problem = (network: string) =>
      `${dt(`delivery-problem-${network}`)} ${dt('problem-message')}`
    await page.assertTextContains(problem('bluesky'), 'Bluesky is limiting requests (HTTP 429)')
    await page.assertTextContains(`${dt('delivery-problem-bluesky')} ${dt('next-try')}`, '9:30:05')
    await page.assertNotExists(dt('attempts-bluesky')) // not "Not attempted yet"
    await page.assertTextContains(problem('x'), 'X did not answer')
    await page.assertTextContains(
      dt('unknown-action'),
      `Open ${x.handle} on X and look for the post`
    )
    assert.equal(
      await page.locator(dt('unknown-profile-link')).getAttribute('href'),
      `https://x.com/${x.handle!.slice(1)}`
    )
    await page.assertTextContains(
      problem('mastodon'),
      'Mastodon no longer accepts this account’s access: reconnect the account'
    )
    // The raw reason is not the message, but it is still there, one click away.
    await page.assertNotVisible(`${dt('delivery-problem-mastodon')} ${dt('problem-detail')}`)
    await page.locator(`${dt('delivery-problem-mastodon')} summary`).click()
    await page.assertTextContains(
      `${dt('delivery-problem-mastodon')} ${dt('problem-detail')}`,
      'HTTP 401: The access token is invalid'
    )
    await page.evaluate(() => (globalThis as any).scrollTo(0, 0))
    await screenshot(page, 'post-problems-en')

    await owner.merge({ locale: 'fr' }).save()
    await page.reload()
    await waitFor(page, dt('delivery-problem-bluesky'))
    await page.assertTextContains(dt('workers-down'), 'Rien n’est publié en ce moment')
    await page.assertTextContains(problem('bluesky'), 'Bluesky limite les requêtes (HTTP 429)')
    await page.assertTextContains(
      `${dt('delivery-problem-bluesky')} ${dt('next-try')}`,
      'Prochain essai'
    )
    await page.assertTextContains(`${dt('delivery-problem-bluesky')} ${dt('next-try')}`, '9:30:05')
    await page.assertTextContains(problem('x'), 'X n’a pas répondu')
    await page.assertTextContains(dt('unknown-action'), 'Ce que vous pouvez faire')
    await page.assertTextContains(problem('mastodon'), 'reconnectez le compte')
    await page.evaluate(() => (globalThis as any).scrollTo(0, 0))
    await screenshot(page, 'post-problems-fr')

    // A worker comes back: the banner goes with the next page load.
    const worker = heartbeat()
    await worker.beat()
    cleanup(() => worker.stop())
    await page.reload()
    await waitFor(page, dt('delivery-problem-bluesky'))
    await page.assertNotExists(dt('workers-down'))
  })
})
