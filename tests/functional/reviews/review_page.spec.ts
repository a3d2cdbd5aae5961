import { test } from '@japa/runner'
import { DateTime } from 'luxon'
import db from '@adonisjs/lucid/services/db'
import ReviewLink from '#models/review_link'
import PostComment from '#models/post_comment'
import { withCleanState } from '#tests/helpers/database'
import { send } from '#tests/functional/workspaces/_helpers'
import { addComment } from '#actions/reviews/add_comment'
import { asClient, linkFor, makeReviewDesk, pageOf } from './_fixtures.js'

const tokenOf = (url: string) => url.match(/\/review\/(rv_[A-Za-z0-9_-]{43})$/)![1]

test.group('Client review / the review page', (group) => {
  withCleanState(group)

  test('a member shares a week on two accounts: the client sees those posts and nothing private', async ({
    client,
    assert,
  }) => {
    const desk = await makeReviewDesk()
    await addComment({
      post: desk.posts[0],
      author: desk.owner,
      body: 'INTERNAL-ONLY-NOTE: margin is thin on this one',
    })
    const created = await send(
      client,
      'post',
      `/w/${desk.workspace.slug}/settings/review-links`,
      desk.owner,
      {
        label: 'Week 12 — spring menu',
        from: desk.from,
        to: desk.to,
        accountIds: [desk.mastodon.id, desk.bluesky.id],
      }
    )
    created.assertStatus(302)
    const url = created.flashMessage('reviewLinkUrl') as string
    const token = tokenOf(url)

    // Only a hash is kept: the token itself is nowhere in the table.
    const link = await ReviewLink.findByOrFail('workspace_id', desk.workspace.id)
    assert.notInclude(JSON.stringify(await db.from('review_links').select('*')), token)
    assert.lengthOf(link.tokenHash, 64)
    assert.sameMembers(
      (await db.from('review_link_posts').where('review_link_id', link.id)).map((r) => r.post_id),
      desk.posts.map((post) => post.id)
    )

    const page = await asClient(client, 'get', `/review/${token}`)
    page.assertStatus(200)
    assert.include(page.header('x-robots-tag'), 'noindex')
    assert.include(page.header('cache-control'), 'no-store')
    assert.equal(page.header('referrer-policy'), 'no-referrer')
    const html = page.text()
    assert.equal(pageOf(html).component, 'review/show')
    assert.lengthOf(pageOf(html).props.posts, 3)
    for (const post of desk.posts) assert.include(html, post.body.split(':')[0])
    assert.include(html, 'Week 12')
    assert.notInclude(html, 'X only announcement')
    assert.notInclude(html, 'INTERNAL-ONLY-NOTE')
    assert.notInclude(html, desk.owner.email)
    assert.notInclude(html, 'sealed-token-never-shown')
    assert.notInclude(html, link.tokenHash)
    // A link preview (unfurl) of the page gets a generic title.
    assert.match(html, /<title[^>]*>Pistache Postiz<\/title>/)
    assert.isNotNull((await ReviewLink.findOrFail(link.id)).lastOpenedAt)

    const settings = await client
      .get(`/w/${desk.workspace.slug}/settings/review-links`)
      .loginAs(desk.owner)
      .withInertia()
    const rows = settings.inertiaProps.links as any[]
    assert.lengthOf(rows, 1)
    assert.equal(rows[0].createdBy, desk.owner.fullName)
    assert.equal(rows[0].posts, 3)
    assert.isNotNull(rows[0].lastOpenedAt)
    assert.notInclude(JSON.stringify(settings.inertiaProps), token)
  })

  test('a revoked link and an expired one answer 410 with a page that says why; an unknown one 404', async ({
    client,
    assert,
  }) => {
    const desk = await makeReviewDesk()
    const revoked = await linkFor(desk, [desk.posts[0].id])
    const expired = await linkFor(desk, [desk.posts[1].id])
    const removal = await send(
      client,
      'delete',
      `/w/${desk.workspace.slug}/settings/review-links/${revoked.link.id}`,
      desk.owner
    )
    assert.oneOf(removal.status(), [302, 303])
    expired.link.expiresAt = DateTime.utc().minus({ minutes: 1 })
    await expired.link.save()

    const gone = await asClient(client, 'get', `/review/${revoked.token}`)
    gone.assertStatus(410)
    assert.equal(pageOf(gone.text()).component, 'review/unavailable')
    assert.equal(pageOf(gone.text()).props.reason, 'revoked')
    assert.notInclude(gone.text(), desk.posts[0].body)
    const late = await asClient(client, 'get', `/review/${expired.token}`)
    late.assertStatus(410)
    assert.equal(pageOf(late.text()).props.reason, 'expired')
    // An answer on a dead link is refused as well.
    const answer = await asClient(
      client,
      'post',
      `/review/${revoked.token}/posts/${desk.posts[0].id}`,
      'Claire'
    ).json({ action: 'approve' })
    answer.assertStatus(410)
    assert.isNull((await PostComment.query().first()) ?? null)

    const unknown = await asClient(client, 'get', `/review/rv_${'a'.repeat(43)}`)
    unknown.assertStatus(404)
  })

  test('a password protects the page: nothing shows before it, a wrong one is refused', async ({
    client,
    assert,
  }) => {
    const desk = await makeReviewDesk()
    const { token, link } = await linkFor(desk, [desk.posts[0].id], {
      password: 'croissant-42',
    })
    const locked = await asClient(client, 'get', `/review/${token}`)
    locked.assertStatus(200)
    assert.equal(pageOf(locked.text()).component, 'review/password')
    assert.notInclude(locked.text(), 'fresh croissants')

    const wrong = await asClient(client, 'post', `/review/${token}/unlock`)
      .withInertia()
      .json({ password: 'baguette-1' })
    wrong.assertStatus(302)
    assert.property(wrong.flashMessage('inputErrorsBag') ?? {}, 'password')

    const right = await asClient(client, 'post', `/review/${token}/unlock`)
      .withInertia()
      .json({ password: 'croissant-42' })
    right.assertStatus(302)
    right.assertHeader('location', `/review/${token}`)
    right.assertSession(`review_unlocked_${link.id}`, true)
    const open = await client
      .get(`/review/${token}`)
      .withSession({ [`review_unlocked_${link.id}`]: true })
    assert.include(open.text(), 'fresh croissants')
    // The session of another link does not open this one.
    const other = await client.get(`/review/${token}`).withSession({ review_unlocked_999: true })
    assert.notInclude(other.text(), 'fresh croissants')
  })
})
