import { test } from '@japa/runner'
import { DateTime } from 'luxon'
import Post from '#models/post'
import { FakeMastodon } from '#plugins/mastodon/fake/server'
import { withCleanState } from '#tests/helpers/database'
import { clearOutbox } from '#tests/helpers/outbox'
import { clearMediaDisk, jpegWithGps, startMediaWorker } from '#tests/functional/media/_helpers'
import {
  confirmSignupFromMail,
  dt,
  fillSignup,
  FIRST_LOAD_TIMEOUT,
  screenshot,
  waitFor,
  waitForPath,
} from './_helpers.js'
import { brokenImages, truncatedTexts, watchConsole } from './_page_checks.js'

/** What each language shows at the steps the walk checks. */
const WORDS = {
  en: { signup: 'Create your account', calendar: 'Calendar', scheduled: 'Scheduled for' },
  fr: { signup: 'Créez votre compte', calendar: 'Calendrier', scheduled: 'Programmée le' },
} as const

test.group('A new user’s first hour, in the browser, in English and in French', (group) => {
  withCleanState(group)
  let mastodon: FakeMastodon
  group.each.setup(async () => {
    await clearOutbox()
    await clearMediaDisk()
    mastodon = await FakeMastodon.start()
    return async () => {
      await mastodon.close()
      await clearMediaDisk()
    }
  })

  for (const language of ['en', 'fr'] as const) {
    test(`${language}: sign up, create a workspace, connect Mastodon, compose with an uploaded image, schedule, see it on the calendar`, async ({
      visit,
      assert,
      cleanup,
    }) => {
      const words = WORDS[language]
      const worker = await startMediaWorker()
      cleanup(async () => {
        await worker.runner.stop()
      })
      const page = await visit('/signup', { timeout: FIRST_LOAD_TIMEOUT })
      await page.setViewportSize({ width: 1360, height: 1000 })
      const consoleErrors = watchConsole(page, {
        avatarOrigin: new URL(mastodon.instanceUrl).origin,
      })
      const cutOff: string[] = []
      const broken: string[] = []
      /** Every page of the walk: nothing cut off, no broken image, and a picture of it. */
      const look = async (name: string) => {
        cutOff.push(...(await truncatedTexts(page)).map((text) => `${name}: ${text}`))
        broken.push(...(await brokenImages(page)).map((source) => `${name}: ${source}`))
        await screenshot(page, `walk-${language}-${name}`)
      }

      // 1. Sign up (in French, after choosing the language on the form) and confirm by mail.
      await waitFor(page, dt('signup-email'), FIRST_LOAD_TIMEOUT)
      if (language === 'fr') {
        await page.locator(dt('language-switch')).selectOption('fr')
        await page.locator('html[lang="fr"]').waitFor({ state: 'attached', timeout: 10_000 })
      }
      await page.assertTextContains('h1', words.signup)
      await look('signup')
      const email = `walk-${language}@example.com`
      await fillSignup(page, { fullName: 'Camille Martin', email })
      await waitForPath(page, '/login')
      await confirmSignupFromMail(page, email)

      // 2. Create the workspace.
      await waitForPath(page, '/workspaces/new')
      await waitFor(page, dt('workspace-name'))
      await look('workspace-new')
      await page.locator(dt('workspace-name')).fill('Boulangerie Camille')
      await page.locator(dt('workspace-timezone')).selectOption('Europe/Paris')
      await page.locator(dt('workspace-create-submit')).click()
      await waitForPath(page, /^\/w\/[^/]+\/calendar$/)
      await page.assertText('h1', words.calendar)
      const base = `/w/${new URL(page.url()).pathname.split('/')[2]}`
      await look('calendar-empty')

      // 3. Connect the Mastodon instance (the fake): its OAuth page sends the browser back.
      await page.locator(dt('nav-channels')).click()
      await waitFor(page, dt('open-connect'))
      await look('channels-empty')
      await page.locator(dt('open-connect')).click()
      await page.locator(dt('connect-mastodon')).click()
      await waitFor(page, dt('instance-url'))
      await look('connect-mastodon')
      await page.locator(dt('instance-url')).fill(mastodon.instanceUrl)
      await page.locator(dt('instance-submit')).click()
      await waitForPath(page, `${base}/channels`)
      await waitFor(page, dt('channel-list'))
      await look('channels-connected')

      // 4. Compose with an image uploaded from the composer, and schedule it in two days.
      await page.goto(`${base}/posts/new`)
      await waitFor(page, dt('account-picker'))
      await page.locator(dt('target-mastodon')).click()
      await page.locator(dt('post-text')).fill('Nos croissants du matin #viennoiserie')
      await page.locator(dt('open-media-picker')).click()
      await waitFor(page, dt('media-picker'))
      await page.locator(dt('file-input')).setInputFiles({
        name: 'croissant.jpg',
        mimeType: 'image/jpeg',
        buffer: await jpegWithGps(800, 600),
      })
      await page
        .locator(`${dt('media-choices')} button[aria-pressed="true"]`)
        .first()
        .waitFor()
      await page.locator(dt('media-waiting')).waitFor({ state: 'hidden', timeout: 30_000 })
      await look('media-picker-uploaded')
      await page.locator(dt('media-picker-confirm')).click()
      await page.assertElementsCount(`${dt('attached-media')} > li`, 1)

      // The day is typed the way the date field asks for it (its placeholder, in the language).
      const day = DateTime.now().setZone('Europe/Paris').plus({ days: 2 }).startOf('day')
      const asked = (await page.locator(dt('schedule-date')).getAttribute('placeholder'))!
      const pattern = asked.replace('jj', 'dd').replace('aaaa', 'yyyy').replace('mm', 'MM')
      await page.locator(dt('schedule-date')).fill(day.toFormat(pattern))
      await page.locator(dt('schedule-time')).fill('10:30')
      await page.locator(dt('schedule-time')).blur()
      await waitFor(page, dt('schedule-summary'))
      await look('composer-ready')
      await page.locator(dt('action-schedule')).click()
      await waitForPath(page, new RegExp(`^${base}/posts/\\d+$`))
      await page.assertTextContains(dt('flash'), words.scheduled)
      const post = await Post.query().preload('media').firstOrFail()
      assert.equal(post.status, 'scheduled')
      assert.equal(
        post.scheduledAt!.setZone('Europe/Paris').toISO(),
        day.set({ hour: 10, minute: 30 }).toISO()
      )
      assert.lengthOf(post.media, 1)

      // 5. The calendar shows it on its day.
      await page.locator(dt('nav-calendar')).click()
      await waitForPath(page, `${base}/calendar`)
      if (day.month !== DateTime.now().setZone('Europe/Paris').month)
        await page.locator('.fc-next-button').click()
      await waitFor(page, dt('calendar-event'))
      const cell = page.locator(`[data-date="${day.toISODate()}"]`)
      await cell.locator(dt('calendar-event')).first().waitFor()
      assert.include(await cell.innerText(), 'Nos croissants')
      await look('calendar-scheduled')

      assert.deepEqual(consoleErrors, [], consoleErrors.join('\n'))
      assert.deepEqual(cutOff, [], cutOff.join('\n'))
      assert.deepEqual(broken, [], broken.join('\n'))
    }).timeout(240_000)
  }
})
