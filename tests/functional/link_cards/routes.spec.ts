import { test } from '@japa/runner'
import { withCleanState } from '#tests/helpers/database'
import { addMember } from '#tests/functional/workspaces/_helpers'
import { asClient, draft, linkFor, makeReviewDesk } from '#tests/functional/reviews/_fixtures'
import { html, ogPage, startSite } from './_site.js'

test.group('Link cards / routes', (group) => {
  withCleanState(group)

  test('the composer asks for a card as a member who writes; viewers and bad input are refused', async ({
    client,
    assert,
  }) => {
    const desk = await makeReviewDesk()
    const site = await startSite({ '/menu': html(ogPage('Spring menu')) })
    const path = `/w/${desk.workspace.slug}/link-card`
    try {
      const ok = await client
        .get(path)
        .qs({ url: site.url('/menu') })
        .loginAs(desk.owner)
      ok.assertStatus(200)
      assert.equal(ok.body().card.title, 'Spring menu')

      const { user: viewer } = await addMember(desk.workspace, 'viewer')
      const refused = await client
        .get(path)
        .qs({ url: site.url('/menu') })
        .loginAs(viewer)
      assert.oneOf(refused.status(), [403, 404])

      for (const url of [
        'javascript:alert(1)',
        'not a url',
        `https://x.example/${'a'.repeat(2100)}`,
      ]) {
        const bad = await client
          .get(path)
          .qs({ url })
          .loginAs(desk.owner)
          .header('accept', 'application/json')
        bad.assertStatus(422)
      }
      assert.equal(site.hits['/menu'], 1)
    } finally {
      await site.close()
    }
  })

  test('the review page gets cards only for links its posts contain', async ({
    client,
    assert,
  }) => {
    const desk = await makeReviewDesk()
    const site = await startSite({
      '/menu': html(ogPage('Spring menu')),
      '/other': html(ogPage('Not in the posts')),
    })
    try {
      const post = await draft(desk, `Our menu: ${site.url('/menu')}`, [desk.mastodon.id])
      const { token } = await linkFor(desk, [post.id])
      const url = `/review/${token}`
      const shown = await asClient(
        client,
        'get',
        `${url}/link-card?url=${encodeURIComponent(site.url('/menu'))}`
      )
      shown.assertStatus(200)
      assert.equal(shown.body().card.title, 'Spring menu')
      assert.equal(shown.header('x-robots-tag'), 'noindex, nofollow, noarchive')

      const other = await asClient(
        client,
        'get',
        `${url}/link-card?url=${encodeURIComponent(site.url('/other'))}`
      )
      other.assertStatus(404)
      assert.isUndefined(site.hits['/other'])

      const unknown = await asClient(
        client,
        'get',
        `/review/rv_${'A'.repeat(43)}/link-card?url=${encodeURIComponent(site.url('/menu'))}`
      )
      unknown.assertStatus(404)
    } finally {
      await site.close()
    }
  })
})
