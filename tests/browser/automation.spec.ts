import { test } from '@japa/runner'
import { DateTime } from 'luxon'
import type Feed from '#models/feed'
import FeedItem from '#models/feed_item'
import PostSeries from '#models/post_series'
import SeriesOccurrence from '#models/series_occurrence'
import { saveFeed } from '#actions/feeds/save_feed'
import { createSeries } from '#actions/series/create_series'
import { withCleanState } from '#tests/helpers/database'
import { makeDesk } from '#tests/functional/posts/_fixtures'
import { dt, FIRST_LOAD_TIMEOUT, screenshot, waitFor, waitForPath } from './_helpers.js'

test.group('Automation pages in the browser', (group) => {
  withCleanState(group)

  test('the feeds page lists a feed with its error and its items, in English and French', async ({
    visit,
    browserContext,
    assert,
  }) => {
    const desk = await makeDesk()
    const saved = await saveFeed({
      workspace: desk.workspace,
      actor: desk.owner,
      payload: {
        url: 'https://bakery.example/feed.xml',
        mode: 'queue',
        template: '{title} {link}',
        targetAccountIds: [desk.mastodon.id, desk.bluesky.id],
        maxItemsPerFetch: 3,
      },
    })
    const feed = (saved as { feed: Feed }).feed
    await feed
      .merge({
        title: 'Bakery news',
        lastFetchedAt: DateTime.utc(),
        lastErrorCode: 'forbidden_address',
        lastError: 'bakery.example resolves to a private address',
      })
      .save()
    await FeedItem.createMany([
      {
        feedId: feed.id,
        workspaceId: desk.workspace.id,
        itemKey: 'a',
        title: 'Pistachio week',
        link: 'https://bakery.example/p',
        postId: null,
        skippedReason: 'filtered',
      },
      {
        feedId: feed.id,
        workspaceId: desk.workspace.id,
        itemKey: 'b',
        title: 'Old loaf',
        link: 'https://bakery.example/o',
        postId: null,
        skippedReason: 'before_follow',
      },
    ])
    await browserContext.loginAs(desk.owner)
    const page = await visit(`/w/${desk.workspace.slug}/feeds`, { timeout: FIRST_LOAD_TIMEOUT })
    await page.setViewportSize({ width: 1360, height: 1200 })
    await waitFor(page, dt(`feed-${feed.id}`), FIRST_LOAD_TIMEOUT)
    await page.assertTextContains(
      dt('feed-error'),
      'This address points to a private network and is refused'
    )
    await page.assertTextContains(dt(`feed-${feed.id}`), 'filtered out')
    await screenshot(page, 'automation-feeds-en')

    await desk.owner.merge({ locale: 'fr' } as any).save()
    await page.reload()
    await waitFor(page, dt('feed-error'))
    await page.assertTextContains(dt('feed-error'), 'Cette adresse mène à un réseau privé')
    await screenshot(page, 'automation-feeds-fr')
    assert.isTrue(true)
  }).timeout(90_000)

  test('the composer repeats a post weekly; the calendar marks its occurrences', async ({
    visit,
    browserContext,
    assert,
  }) => {
    const desk = await makeDesk()
    await desk.workspace.merge({ timezone: 'Europe/Paris' }).save()
    await browserContext.loginAs(desk.owner)
    const base = `/w/${desk.workspace.slug}`
    const page = await visit(`${base}/posts/new`, { timeout: FIRST_LOAD_TIMEOUT })
    await page.setViewportSize({ width: 1360, height: 1700 })
    await waitFor(page, dt('account-picker'), FIRST_LOAD_TIMEOUT)
    await page.locator(dt('target-mastodon')).click()
    await page.locator(dt('post-text')).fill('Friday focaccia, fresh at noon 🍞')
    const start = DateTime.now().setZone('Europe/Paris').plus({ days: 1 })
    await page.locator(dt('schedule-date')).fill(start.toFormat('yyyy-MM-dd'))
    await page.locator(dt('schedule-time')).fill('12:00')
    await page.locator(dt('repeat-enable')).check()
    await page.locator(dt('repeat-freq')).selectOption('WEEKLY')
    await screenshot(page, 'automation-composer-repeat-en')
    await page.locator(dt('repeat-submit')).click()
    await waitForPath(page, `${base}/calendar`)
    const series = await PostSeries.firstOrFail()
    assert.equal(series.rule, 'FREQ=WEEKLY;INTERVAL=1')
    assert.equal(series.startsAtLocal, `${start.toFormat('yyyy-MM-dd')}T12:00`)
    const occurrences = await SeriesOccurrence.query().where('series_id', series.id)
    assert.isAtLeast(occurrences.length, 4)
    await waitFor(page, dt('calendar-repeating'))
    await screenshot(page, 'automation-calendar-repeating')
  }).timeout(90_000)
})

test.group('Repeating posts / the post page says what happened to an occurrence', (group) => {
  withCleanState(group)

  test('a missed occurrence and the series’ rule are shown on its post page, in English and French', async ({
    visit,
    browserContext,
  }) => {
    const desk = await makeDesk()
    await desk.workspace.merge({ timezone: 'Europe/Paris' }).save()
    const start = DateTime.now()
      .setZone('Europe/Paris')
      .plus({ days: 1 })
      .set({ hour: 9, minute: 0 })
    const created = await createSeries({
      workspace: desk.workspace,
      actor: desk.owner,
      content: {
        rule: 'FREQ=WEEKLY;COUNT=2',
        startsAtLocal: start.toFormat("yyyy-MM-dd'T'HH:mm"),
        body: 'Weekly focaccia',
        targets: [{ socialAccountId: desk.mastodon.id }],
        missedPolicy: 'skip',
      },
    })
    const series = (created as { series: PostSeries }).series
    const occurrence = await SeriesOccurrence.query()
      .where('series_id', series.id)
      .orderBy('occurs_at')
      .firstOrFail()
    // What the pipeline records when it skips one (tests/functional/series/series_missed.spec.ts).
    await occurrence
      .merge({
        missedAt: occurrence.occursAt.plus({ minutes: 40 }),
        problem: 'missed',
        detached: true,
      })
      .save()
    await browserContext.loginAs(desk.owner)
    const page = await visit(`/w/${desk.workspace.slug}/posts/${occurrence.postId}`, {
      timeout: FIRST_LOAD_TIMEOUT,
    })
    await page.setViewportSize({ width: 1360, height: 1000 })
    await waitFor(page, dt('series-card'), FIRST_LOAD_TIMEOUT)
    await page.assertTextContains(dt('series-missed'), 'Missed: the publisher was not running')
    await page.assertTextContains(dt('series-card'), 'Missed occurrences are skipped.')
    await page.assertTextContains(dt('series-detached'), 'Edited on its own')
    await screenshot(page, 'automation-series-missed-en')

    await desk.owner.merge({ locale: 'fr' } as any).save()
    await page.reload()
    await waitFor(page, dt('series-missed'))
    await page.assertTextContains(dt('series-missed'), 'Manquée')
    await screenshot(page, 'automation-series-missed-fr')
  }).timeout(90_000)
})
