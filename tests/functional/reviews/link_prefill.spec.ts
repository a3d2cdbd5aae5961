import { test } from '@japa/runner'
import { withCleanState } from '#tests/helpers/database'
import { makeDesk } from '#tests/functional/posts/_fixtures'
import { pageOf } from './_fixtures.js'

/** The calendar's "share with client" button opens the link form with its period and accounts. */
test.group('Client review / link form prefilled from the calendar', (group) => {
  withCleanState(group)

  test('days, label and this workspace’s accounts get through; anything else is dropped', async ({
    client,
    assert,
  }) => {
    const desk = await makeDesk()
    const foreign = await makeDesk()
    const query = new URLSearchParams({
      from: '2031-03-03',
      to: '2031-03-09',
      label: '  Mar 3 –   9, 2031 ',
      accounts: `${desk.mastodon.id},${foreign.mastodon.id},abc,${desk.mastodon.id}`,
    })
    const response = await client
      .get(`/w/${desk.workspace.slug}/settings/review-links?${query}`)
      .loginAs(desk.owner)
    response.assertStatus(200)
    assert.deepEqual(pageOf(response.text()).props.prefill, {
      from: '2031-03-03',
      to: '2031-03-09',
      label: 'Mar 3 – 9, 2031',
      accountIds: [desk.mastodon.id],
    })

    const junk = await client
      .get(`/w/${desk.workspace.slug}/settings/review-links?from=yesterday&to=<b>&label=`)
      .loginAs(desk.owner)
    assert.deepEqual(pageOf(junk.text()).props.prefill, {
      from: null,
      to: null,
      label: null,
      accountIds: [],
    })
  })
})
