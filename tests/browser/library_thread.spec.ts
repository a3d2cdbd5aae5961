import { test } from '@japa/runner'
import { DateTime } from 'luxon'
import LibraryItem from '#models/library_item'
import Post from '#models/post'
import Delivery from '#models/delivery'
import DeliveryPart from '#models/delivery_part'
import { withCleanState } from '#tests/helpers/database'
import { startWorker, withWorld } from '#tests/functional/publishing/_fixtures'
import { dt, FIRST_LOAD_TIMEOUT, screenshot, waitFor } from './_helpers.js'

const TEMPLATE =
  'Pistachio week starts Monday at {{client}}. Every morning we bake pistachio croissants, ' +
  'filled with a cream we make ourselves from Sicilian pistachios. ' +
  'They come out of the oven at eight and are usually gone by half past nine. ' +
  'We also bake a pistachio and raspberry loaf, only on Saturdays, in small numbers. ' +
  'Order ahead on our site if you want to be sure to get one.'

const item = (workspaceId: number, kind: LibraryItem['kind'], name: string, body: string) =>
  LibraryItem.create({
    workspaceId,
    kind,
    name,
    body,
    networkVariants: {},
    media: [],
    autoNetworks: [],
    autoAccountIds: [],
    createdById: null,
  })

test.group('Content library in the composer', (group) => {
  withCleanState(group)
  const world = withWorld(group)

  test('a thread from a template with a hashtag group and a signature: split, previewed, scheduled, each part published live', async ({
    visit,
    browserContext,
    assert,
    cleanup,
  }) => {
    const { runner } = await startWorker()
    cleanup(async () => {
      await runner.stop()
    })
    const ws = world.workspace
    const template = await item(ws.id, 'template', 'Pistachio week', TEMPLATE)
    const tags = await item(ws.id, 'hashtag_group', 'Bakery tags', '#bakery #pistachio #croissant')
    const signature = await item(ws.id, 'snippet', 'Team signature', '— The {{client}} team')
    await item(ws.id, 'variable', 'link', 'https://bakery.example')
    const many = Array.from({ length: 31 }, (_, i) => `#tag${i}x`).join(' ')
    await item(ws.id, 'hashtag_group', 'Everything (too many for Instagram)', many)

    await browserContext.loginAs(world.owner)
    const base = `/w/${ws.slug}`
    const library = await visit(`${base}/library?kind=hashtag_group`, {
      timeout: FIRST_LOAD_TIMEOUT,
    })
    await library.setViewportSize({ width: 1360, height: 1000 })
    await waitFor(library, dt('library-list'), FIRST_LOAD_TIMEOUT)
    await library.assertTextContains(dt('library-over-limit'), 'Over the limit on Instagram')
    await screenshot(library, 'library-hashtags-en')
    await library.locator(dt('library-tab-template')).click()
    await waitFor(library, dt(`library-item-${template.id}`))
    await screenshot(library, 'library-templates-en')

    const page = await visit(`${base}/posts/new`, { timeout: FIRST_LOAD_TIMEOUT })
    await page.setViewportSize({ width: 1360, height: 1400 })
    await waitFor(page, dt('account-picker'), FIRST_LOAD_TIMEOUT)
    await page.locator(dt('target-x')).click()
    await page.locator(dt('target-mastodon')).click()

    await page.locator(dt('library-pick-template')).click()
    await page.locator(dt(`library-choice-${template.id}`)).click()
    await page.locator(dt('library-pick-hashtag_group')).click()
    await page.locator(dt(`library-choice-${tags.id}`)).click()
    await page.locator(dt('library-pick-snippet')).click()
    await page.locator(dt(`library-choice-${signature.id}`)).click()
    const written = await page.locator(dt('post-text')).inputValue()
    assert.isTrue(written.startsWith('Pistachio week starts Monday at {{client}}.'))
    assert.isTrue(written.endsWith('#bakery #pistachio #croissant\n\n— The {{client}} team'))
    // Too long for X (280): the checks say so until it is split.
    await page.assertVisible(dt('blocking-hint'))

    await page.locator(dt('split-thread')).click()
    const parts = page.locator(`${dt('composer-parts')} ${dt('part-text')}`)
    const count = await parts.count()
    assert.isAtLeast(count, 1)
    const main = await page.locator(dt('post-text')).inputValue()
    const texts = [main]
    for (let n = 0; n < count; n++) texts.push(await parts.nth(n).inputValue())
    // Nothing lost, cut at sentence ends, every part within X's count.
    assert.equal(texts.join(' ').replace(/\s+/g, ' '), written.replace(/\s+/g, ' '))
    assert.isTrue(main.endsWith('.'), main)
    await page.assertTextContains(`${dt('part-thread-1')} ${dt('part-count-x')}`, '/ 280')
    assert.equal(await page.locator(`${dt('composer-parts')} .bg-red-50`).count(), 0)
    await page.locator(dt('blocking-hint')).waitFor({ state: 'hidden' })

    // The chain preview fills the variables, as publishing will.
    await waitFor(page, dt('chain-preview'))
    await page.assertTextContains(dt('chain-entry-0'), `starts Monday at ${ws.name}.`)
    await page.assertTextContains(dt(`chain-entry-${count}`), `— The ${ws.name} team`)
    assert.equal(await page.locator(`${dt('chain-preview')} li`).count(), count + 1)
    await screenshot(page, 'composer-thread-en')

    const day = DateTime.now().setZone(ws.timezone).plus({ days: 1 })
    await page.locator(dt('schedule-date')).fill(day.toFormat('yyyy-MM-dd'))
    await page.locator(dt('schedule-time')).fill('09:30')
    await page.locator(dt('action-schedule')).click()
    await waitFor(page, dt('deliveries'))
    await page.assertTextContains(dt('post-status'), 'Scheduled')
    const post = await Post.query().where('workspace_id', ws.id).firstOrFail()
    assert.equal(post.status, 'scheduled')
    assert.equal(post.body, main)

    // Not waiting until tomorrow 9:30: "publish now" from the post page, then watch the parts.
    await page.locator(dt('publish-now')).click()
    for (const network of ['x', 'mastodon'])
      await waitFor(page, `${dt(`delivery-status-${network}`)}[data-status="published"]`, 30_000)
    await page
      .locator(`${dt(`chain-part-${count}`)}[data-status="published"]`)
      .nth(1)
      .waitFor({ state: 'visible', timeout: 30_000 })
    const deliveries = await Delivery.query().where('post_id', post.id)
    const steps = await DeliveryPart.query().whereIn(
      'delivery_id',
      deliveries.map((d) => d.id)
    )
    assert.lengthOf(steps, count * 2)
    assert.isTrue(steps.every((step) => step.status === 'published'))
    // Each network received the text with the variables filled, the signature in the last part.
    const xDelivery = deliveries.find((d) => d.network === 'x')!
    const last = steps.find((step) => step.deliveryId === xDelivery.id && step.position === count)
    assert.include(world.x.storedPost(last!.externalId!)!.text, `— The ${ws.name} team`)
    const mastodon = deliveries.find((d) => d.network === 'mastodon')!
    assert.include(
      world.mastodon.storedPost(mastodon.externalId!)!.text,
      `starts Monday at ${ws.name}.`
    )
    await screenshot(page, 'composer-thread-published-en')

    await world.owner.merge({ locale: 'fr' } as any).save()
    await page.goto(new URL(`${base}/posts/new`, page.url()).href)
    await waitFor(page, dt('account-picker'))
    await page.locator(dt('target-x')).click()
    await page.locator(dt('library-pick-template')).click()
    await page.locator(dt(`library-choice-${template.id}`)).click()
    await page.locator(dt('split-thread')).click()
    await page.assertTextContains(dt('composer-parts'), 'Fil et premier commentaire')
    await page.assertTextContains(dt('chain-preview'), 'Toute la chaîne')
    await screenshot(page, 'composer-thread-fr')
    await page.goto(new URL(`${base}/library?kind=variable`, page.url()).href)
    await waitFor(page, dt('library-built-in'))
    await page.assertTextContains('h1', 'Bibliothèque de contenus')
    await screenshot(page, 'library-variables-fr')
  }).timeout(150_000)
})
