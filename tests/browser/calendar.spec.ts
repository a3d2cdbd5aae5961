import { test } from '@japa/runner'
import { DateTime } from 'luxon'
import Post, { type PostStatus } from '#models/post'
import type { DeliveryStatus } from '#models/delivery'
import { schedulePost } from '#actions/posts/schedule_post'
import Workspace from '#models/workspace'
import { withCleanState } from '#tests/helpers/database'
import { makeAccount, placePost, utc } from '#tests/functional/calendar/_fixtures'
import { draft, settled, startWorker, withWorld } from '#tests/functional/publishing/_fixtures'
import { dt, FIRST_LOAD_TIMEOUT, makeUser, makeWorkspace, screenshot, waitFor } from './_helpers.js'

const BODIES = [
  'Fresh pistachio croissants, out of the oven at 8 🥐',
  'Our new sourdough class opens next week — book a seat at the counter',
  'Behind the scenes: laminating 40 kg of butter before sunrise',
  'Saturday market: find us at stand 12 with éclairs and macarons',
  'Meet Lou, our new pastry chef from Lyon',
  'Gluten-free loaf is back by popular demand',
]
const MIX: [PostStatus, DeliveryStatus][] = [
  ['scheduled', 'scheduled'],
  ['scheduled', 'scheduled'],
  ['published', 'published'],
  ['pending_approval', 'pending_approval'],
  ['draft', 'draft'],
  ['failed', 'failed'],
  ['partially_published', 'published'],
  ['publishing', 'publishing'],
]

test.group('Calendar in the browser', (group) => {
  withCleanState(group)
  // Fake networks, an owner and accounts for the live test (set up for each test).
  const publishing = withWorld(group)

  test('shows each post in its day cell in the workspace’s time zone, in month, week and list views', async ({
    visit,
    browserContext,
    assert,
  }) => {
    const owner = await makeUser({ timezone: 'Europe/Paris' })
    // Auckland is 13 h ahead of UTC in March: 23:30 UTC on the 10th is the 11th there.
    const workspace = await makeWorkspace(owner, 'Acme Bakery')
    await Workspace.query().where('id', workspace.id).update({ timezone: 'Pacific/Auckland' })
    const world = { owner, workspace }
    const accounts = [
      await makeAccount(workspace, 'mastodon'),
      await makeAccount(workspace, 'bluesky'),
      await makeAccount(workspace, 'x'),
    ]
    const lateEvening = await placePost(world, utc('2030-03-10T23:30:00'), [accounts[0]], {
      body: 'Late-night batch: croissants for the morning',
    })
    const morning = await placePost(world, utc('2030-03-10T10:00:00'), [accounts[1], accounts[2]], {
      body: 'Breakfast menu goes live',
    })
    // ~30 posts of mixed statuses for the screenshots.
    for (let i = 0; i < 30; i++) {
      const [status, deliveryStatus] = MIX[i % MIX.length]
      const at = utc('2030-03-02T07:00:00').plus({ days: Math.floor(i * 0.9), hours: (i * 5) % 11 })
      await placePost(world, at, accounts.slice(0, 1 + (i % 3)), {
        status,
        deliveryStatus,
        body: BODIES[i % BODIES.length],
      })
    }

    await browserContext.loginAs(owner)
    const page = await visit(`/w/${workspace.slug}/calendar?date=2030-03-01`, {
      timeout: FIRST_LOAD_TIMEOUT,
    })
    await waitFor(page, `[data-post-id="${lateEvening.id}"]`, FIRST_LOAD_TIMEOUT)

    const cellOf = async (postId: number) =>
      page
        .locator(`[data-post-id="${postId}"]`)
        .first()
        .evaluate((chip) => chip.closest('[data-date]')?.getAttribute('data-date'))
    assert.equal(await cellOf(lateEvening.id), '2030-03-11')
    assert.equal(await cellOf(morning.id), '2030-03-10')
    await page.assertTextContains(dt('calendar-zone'), 'Pacific/Auckland')
    await page.assertTextContains(dt('calendar-zone'), 'Europe/Paris')
    await page.assertTextContains('.fc-toolbar-title', 'March 2030')
    await screenshot(page, 'calendar-month')

    // An Auckland workspace's weeks start on Monday: the week of Tuesday the 11th.
    await page.goto(`/w/${workspace.slug}/calendar?date=2030-03-11&view=timeGridWeek`)
    await waitFor(page, `[data-post-id="${lateEvening.id}"]`)
    // 12:30 on Tuesday the 11th, Auckland time.
    assert.equal(await cellOf(lateEvening.id), '2030-03-11')
    await page.assertTextContains(`[data-post-id="${lateEvening.id}"]`, '12:30')
    await screenshot(page, 'calendar-week')

    await page.locator('.fc-listMonth-button').click()
    await waitFor(page, `[data-post-id="${morning.id}"]`)
    await screenshot(page, 'calendar-list')

    // Filters: X only leaves the post that goes to X.
    await page.locator('.fc-dayGridMonth-button').click()
    await page.locator('[data-filter-network="x"]').click()
    await page.locator(`[data-post-id="${lateEvening.id}"]`).waitFor({ state: 'detached' })
    await waitFor(page, `[data-post-id="${morning.id}"]`)
    await screenshot(page, 'calendar-filtered')
  })

  test('dragging a post to another day reschedules it; a move the server refuses snaps back with its reason', async ({
    visit,
    browserContext,
    assert,
  }) => {
    const owner = await makeUser()
    const workspace = await makeWorkspace(owner, 'Acme Bakery')
    const world = { owner, workspace }
    const account = await makeAccount(workspace, 'mastodon')
    const moving = await placePost(world, utc('2030-03-05T10:00:00'), [account], {
      body: 'Sourdough class',
    })
    const racing = await placePost(world, utc('2030-03-06T10:00:00'), [account], {
      body: 'Macaron day',
    })

    await browserContext.loginAs(owner)
    const page = await visit(`/w/${workspace.slug}/calendar?date=2030-03-01`, {
      timeout: FIRST_LOAD_TIMEOUT,
    })
    await waitFor(page, `[data-post-id="${moving.id}"]`, FIRST_LOAD_TIMEOUT)
    // The whole month on screen: the mouse only reaches what the viewport shows.
    await page.setViewportSize({ width: 1280, height: 1400 })
    /** Drags a chip onto a day cell in small steps, as a hand would (FullCalendar waits for a few pixels of movement). */
    const drag = async (postId: number, date: string) => {
      const from = (await page.locator(`[data-post-id="${postId}"]`).first().boundingBox())!
      const to = (await page.locator(`td[data-date="${date}"]`).boundingBox())!
      await page.mouse.move(from.x + from.width / 2, from.y + from.height / 2)
      await page.mouse.down()
      await page.mouse.move(to.x + to.width / 2, to.y + to.height / 2, { steps: 12 })
      await page.mouse.up()
    }

    await drag(moving.id, '2030-03-19')
    await page.assertTextContains(dt('calendar-notice'), 'Post moved to')
    await moving.refresh()
    assert.equal(moving.scheduledAt!.toUTC().toISO(), '2030-03-19T10:00:00.000Z')
    await waitFor(page, `td[data-date="2030-03-19"] [data-post-id="${moving.id}"]`)

    // Published by the pipeline after the page loaded: the server refuses, the chip goes back.
    await Post.query().where('id', racing.id).update({ status: 'published' })
    await drag(racing.id, '2030-03-20')
    await page.assertTextContains(dt('calendar-notice'), 'already publishing or published')
    await waitFor(page, `td[data-date="2030-03-06"] [data-post-id="${racing.id}"]`)
    await racing.refresh()
    assert.equal(racing.scheduledAt!.toUTC().toISO(), '2030-03-06T10:00:00.000Z')
  })

  test('a post turns published on the calendar without a reload when the pipeline publishes it', async ({
    visit,
    browserContext,
    cleanup,
    assert,
  }) => {
    const world = publishing
    const { post } = await draft(
      world,
      [{ socialAccountId: world.accounts.mastodon.id }],
      'Live from the oven'
    )
    await schedulePost({ post, actor: world.owner, at: DateTime.utc().plus({ seconds: 6 }) })

    await browserContext.loginAs(world.owner)
    const page = await visit(`/w/${world.workspace.slug}/calendar`, { timeout: FIRST_LOAD_TIMEOUT })
    const chip = `[data-post-id="${post.id}"]`
    await waitFor(page, `${chip}[data-status="scheduled"]`, FIRST_LOAD_TIMEOUT)
    await waitFor(page, `${dt('live-indicator')}[data-live="live"]`)
    await page.evaluate(() => ((globalThis as any).__stillHere = true))

    const { runner } = await startWorker()
    cleanup(async () => {
      await runner.stop()
    })
    // Bounded by the test's own limit only: a loaded machine publishes late, never wrongly.
    await settled(post.id, ['published'], 90_000)
    await waitFor(page, `${chip}[data-status="published"]`)
    assert.isTrue(
      await page.evaluate(() => (globalThis as any).__stillHere === true),
      'the page was reloaded'
    )
    await screenshot(page, 'calendar-live-published')
  }).timeout(120_000)
})
