import { test } from '@japa/runner'
import { DateTime } from 'luxon'
import type { Browser, Page } from 'playwright'
import Post from '#models/post'
import ReviewLink from '#models/review_link'
import { updatePost } from '#actions/posts/update_post'
import { withCleanState } from '#tests/helpers/database'
import { clearOutbox } from '#tests/functional/workspaces/_helpers'
import { readOutbox, waitForOutbox, type OutboxMail } from '#tests/helpers/outbox'
import { makeReviewDesk } from '#tests/functional/reviews/_fixtures'
import { dt, FIRST_LOAD_TIMEOUT, NAVIGATION_TIMEOUT, screenshot, waitFor } from './_helpers.js'

const PHONE = { width: 390, height: 844 }

/** A browser context with no account and no cookie: the client. */
async function anonymous(browser: Browser, viewport = { width: 1280, height: 900 }) {
  const context = await browser.newContext({ viewport })
  return { context, page: await context.newPage() }
}

/** Waits until an element shows a text (plain Playwright: the client's context is not Japa's). */
async function expectText(page: Page, selector: string, text: string) {
  await page
    .locator(selector)
    .filter({ hasText: text })
    .first()
    .waitFor({ state: 'visible', timeout: NAVIGATION_TIMEOUT })
}

async function answer(page: Page, postId: number, action: string, comment?: string) {
  if (action === 'approve') {
    await page.locator(dt(`review-approve-${postId}`)).click()
  } else {
    await page
      .locator(
        dt(
          action === 'request_changes'
            ? `review-request-changes-${postId}`
            : `review-comment-button-${postId}`
        )
      )
      .click()
    await page.locator(dt(`review-comment-${postId}`)).fill(comment!)
    await page.locator(dt(`review-send-${postId}`)).click()
  }
  await waitFor(page, dt('flash'))
}

test.group('Client review in the browser', (group) => {
  withCleanState(group)

  test('a member shares a week of three posts on two networks; the client answers each; the member sees it live and by mail; the rules hold', async ({
    browser,
    browserContext,
    visit,
    assert,
    cleanup,
  }) => {
    const desk = await makeReviewDesk()
    await desk.workspace.merge({ clientApprovalRequired: true }).save()
    const [first, second, third] = desk.posts
    await clearOutbox()

    // The member creates the link for the week, on Mastodon and Bluesky.
    await browserContext.loginAs(desk.owner)
    const member = await visit(`/w/${desk.workspace.slug}/settings/review-links`, {
      timeout: FIRST_LOAD_TIMEOUT,
    })
    await waitFor(member, dt('link-label'), FIRST_LOAD_TIMEOUT)
    await member.locator(dt('link-label')).fill('Week 12 — spring menu')
    await member.locator(dt('link-from')).fill(desk.from)
    await member.locator(dt('link-to')).fill(desk.to)
    await member.locator(dt('link-account-mastodon')).check()
    await member.locator(dt('link-account-bluesky')).check()
    await member.locator(dt('link-submit')).click()
    await waitFor(member, dt('secret-value'))
    const url = (await member.locator(dt('secret-value')).textContent())!.trim()
    assert.match(url, /\/review\/rv_[\w-]{43}$/)
    await screenshot(member, 'review-links-settings-en')

    // The member watches the second post's page.
    await member.goto(`/w/${desk.workspace.slug}/posts/${second.id}`)
    await waitFor(member, dt('activity-timeline'))
    await member.waitForTimeout(1000) // the activity subscription is made after mount

    const client = await anonymous(browser)
    cleanup(() => client.context.close())
    await client.page.goto(url)
    await waitFor(client.page, dt('review-name-form'), FIRST_LOAD_TIMEOUT)
    await screenshot(client.page, 'review-page-desktop-en-name')
    await client.page.locator(dt('review-name')).fill('Claire Dubois')
    await client.page.locator(dt('review-name-save')).click()
    await waitFor(client.page, dt('review-signed-as'))

    await answer(client.page, first.id, 'approve')
    await answer(
      client.page,
      second.id,
      'request_changes',
      'Please mention the gluten-free option.'
    )
    await answer(client.page, third.id, 'comment', 'Which band is playing?')
    await expectText(client.page, dt(`review-status-${first.id}`), 'Approved by Claire Dubois')
    await expectText(
      client.page,
      dt(`review-status-${second.id}`),
      'Changes requested by Claire Dubois'
    )
    await screenshot(client.page, 'review-page-desktop-en')

    // Live on the member's page: the request for changes and its comment, marked as the client's.
    await waitFor(member, dt('timeline-client_changes_requested'))
    await member.assertTextContains(dt('comment-thread'), 'Please mention the gluten-free option.')
    await member.assertTextContains(dt('client-review-status'), 'Claire Dubois requested changes')
    await screenshot(member, 'post-page-client-answer-en')

    // By mail: one message per answer to the owner.
    const expected = [
      'Claire Dubois approved a post of Acme Bakery',
      'Claire Dubois asked for changes on a post of Acme Bakery',
      'Claire Dubois commented on a post of Acme Bakery',
    ]
    const ownerSubjects = (mails: OutboxMail[]) =>
      mails
        .filter((mail) => mail.to.some((to) => to.address === desk.owner.email))
        .map((mail) => mail.subject)
    const mails = await waitForOutbox(
      (all) => expected.every((subject) => ownerSubjects(all).includes(subject)),
      'the owner did not get one mail per client answer'
    ).catch(async () => readOutbox())
    assert.includeMembers(ownerSubjects(mails), expected)

    // The post with changes requested cannot go out.
    await member.locator(dt('publish-now')).click()
    await member.assertTextContains(dt('flash'), 'The client asked for changes')
    assert.notEqual((await Post.findOrFail(second.id)).status, 'scheduled')

    // Editing the approved post resets its approval, and the link says so.
    await updatePost({
      post: await Post.findOrFail(first.id),
      actor: desk.owner,
      body: `${first.body} — and pains au chocolat`,
      targets: [{ socialAccountId: desk.mastodon.id }, { socialAccountId: desk.bluesky.id }],
    })
    await client.page.reload()
    await waitFor(client.page, dt(`review-reset-${first.id}`))
    await expectText(client.page, dt(`review-status-${first.id}`), 'Awaiting your review')

    // On a phone.
    const phone = await anonymous(browser, PHONE)
    cleanup(() => phone.context.close())
    await phone.context.addCookies(await client.context.cookies())
    await phone.page.goto(url)
    await waitFor(phone.page, dt('review-page'), FIRST_LOAD_TIMEOUT)
    const width = Number(await phone.page.evaluate('document.documentElement.scrollWidth'))
    assert.isAtMost(width, PHONE.width, 'the review page scrolls sideways on a phone')
    await screenshot(phone.page, 'review-page-phone-en')

    // Revoked through the settings: the client's next visit is a clear 410 page.
    await member.goto(`/w/${desk.workspace.slug}/settings/review-links`)
    const link = await ReviewLink.findByOrFail('workspace_id', desk.workspace.id)
    await member.locator(dt(`revoke-link-${link.id}`)).click()
    await member.locator(dt('confirm-accept')).click()
    await member.assertTextContains(dt('flash'), 'Link revoked')
    const gone = await client.page.goto(url)
    assert.equal(gone?.status(), 410)
    await waitFor(client.page, dt('review-revoked'))
    await expectText(client.page, 'h1', 'This link was withdrawn')
    await screenshot(client.page, 'review-page-revoked-en')
  }).timeout(300_000)

  test('in French, on desktop and phone; an expired link answers 410', async ({
    browser,
    assert,
    cleanup,
  }) => {
    const desk = await makeReviewDesk()
    const { createReviewLink } = await import('#actions/reviews/create_review_link')
    const created = await createReviewLink({
      workspace: desk.workspace,
      actor: desk.owner,
      label: 'Semaine 12 — menu de printemps',
      range: {
        from: DateTime.fromISO(desk.from, { zone: desk.workspace.timezone }),
        to: DateTime.fromISO(desk.to, { zone: desk.workspace.timezone }).plus({ days: 1 }),
      },
      accountIds: [desk.mastodon.id, desk.bluesky.id],
      expiresInDays: 14,
      locale: 'fr',
    })
    if (created.status !== 'created') throw new Error(created.status)
    const path = `/review/${created.token}`
    const base = `http://127.0.0.1:${process.env.PORT}`

    for (const [name, viewport] of [
      ['desktop', { width: 1280, height: 900 }],
      ['phone', PHONE],
    ] as const) {
      const client = await anonymous(browser, viewport)
      cleanup(() => client.context.close())
      await client.page.goto(`${base}${path}`)
      await waitFor(client.page, dt('review-name-form'), FIRST_LOAD_TIMEOUT)
      await expectText(client.page, 'h1', 'Semaine 12')
      await expectText(client.page, dt('review-page'), 'En attente de votre avis')
      await client.page.locator(dt('review-name')).fill('Claire Dubois')
      await client.page.locator(dt('review-name-save')).click()
      await waitFor(client.page, dt('review-signed-as'))
      await screenshot(client.page, `review-page-${name}-fr`)
    }

    created.link.expiresAt = DateTime.utc().minus({ minutes: 1 })
    await created.link.save()
    const late = await anonymous(browser)
    cleanup(() => late.context.close())
    const response = await late.page.goto(`${base}${path}`)
    assert.equal(response?.status(), 410)
    await waitFor(late.page, dt('review-expired'), FIRST_LOAD_TIMEOUT)
    await expectText(late.page, 'h1', 'Ce lien a expiré')
    await screenshot(late.page, 'review-page-expired-fr')
  }).timeout(180_000)
})
