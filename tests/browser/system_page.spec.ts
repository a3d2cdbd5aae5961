import { test } from '@japa/runner'
import { withCleanState } from '#tests/helpers/database'
import { FIRST_LOAD_TIMEOUT, screenshot } from './_helpers.js'
import { adminAndMember, startFlakyWorker } from '#tests/functional/system/_fixtures'
import app from '@adonisjs/core/services/app'
import { FlakyJob } from '#tests/functional/system/_fixtures'

test.group('System page in a browser', (group) => {
  withCleanState(group)

  test('an instance admin sees the console, with a failed job and a live worker', async ({
    visit,
    browserContext,
    cleanup,
  }) => {
    const { admin } = await adminAndMember()
    const worker = await startFlakyWorker()
    cleanup(async () => void (await worker.stop()))
    const queue = await app.container.make('queue')
    await queue.dispatch(
      FlakyJob,
      { label: 'shot', accountId: 42, accessToken: 'tok_SECRET_shouldnotshow_123456' },
      { attempts: 1 }
    )
    await browserContext.loginAs(admin)
    const page = await visit('/system', { timeout: FIRST_LOAD_TIMEOUT })
    await page.setViewportSize({ width: 1366, height: 1100 })
    await page.waitForSelector('[data-test="worker-row"]')
    await page.reload()
    await page.waitForSelector('[data-test^="failed-job-"]')
    await page
      .locator('[data-test="job-data"]')
      .first()
      .evaluate((el) => {
        ;(el.closest('details') as unknown as { open: boolean }).open = true
      })
    await page.assertNotExists('text=tok_SECRET_shouldnotshow_123456')
    await screenshot(page, 'system-desktop')
    await page.setViewportSize({ width: 390, height: 844 })
    await screenshot(page, 'system-phone')
    await visit('/system/settings').then((p) => p.waitForSelector('[data-test="settings-about"]'))
  })
})
