import { test } from '@japa/runner'
import Workspace from '#models/workspace'
import { withCleanState } from '#tests/helpers/database'
import { makeUser, makeWorkspace } from './_helpers.js'

/**
 * Week start and 12/24 h: a workspace setting, by default from the region of the workspace's
 * time zone and the reader's language, shared with every page of the workspace.
 */
test.group('Workspace clock: week start and 12/24 h', (group) => {
  withCleanState(group)

  const cases = [
    { zone: 'Europe/Paris', locale: 'en', weekStart: 1, hour12: false, datePattern: 'dd/MM/yyyy' },
    {
      zone: 'America/New_York',
      locale: 'en',
      weekStart: 0,
      hour12: true,
      datePattern: 'MM/dd/yyyy',
    },
    { zone: 'Europe/London', locale: 'en', weekStart: 1, hour12: false, datePattern: 'dd/MM/yyyy' },
    { zone: 'UTC', locale: 'fr', weekStart: 1, hour12: false, datePattern: 'dd/MM/yyyy' },
    { zone: 'UTC', locale: 'en', weekStart: 0, hour12: true, datePattern: 'MM/dd/yyyy' },
  ]
  for (const { zone, locale, weekStart, hour12, datePattern } of cases) {
    test(`default in ${zone} for a reader in "${locale}": week from ${weekStart}, ${hour12 ? '12' : '24'} h`, async ({
      client,
      assert,
    }) => {
      const owner = await makeUser({ locale })
      const workspace = await makeWorkspace(owner)
      await Workspace.query().where('id', workspace.id).update({ timezone: zone })
      const page = await client.get(`/w/${workspace.slug}/calendar`).loginAs(owner).withInertia()
      assert.deepEqual(page.inertiaProps.workspace.clock, {
        weekStart,
        hour12,
        datePattern,
        chosen: { weekStart: false, hourCycle: false },
      })
    })
  }

  test('an admin chooses Sunday and 12 h; back to automatic with null', async ({
    client,
    assert,
  }) => {
    const owner = await makeUser()
    const workspace = await makeWorkspace(owner)
    const save = (values: object) =>
      client
        .put(`/w/${workspace.slug}/settings`)
        .loginAs(owner)
        .withCsrfToken()
        .json({ name: workspace.name, timezone: 'Europe/Paris', ...values })
        .redirects(0)

    ;(await save({ weekStart: 0, hourCycle: 'h12' })).assertStatus(302)
    await workspace.refresh()
    assert.equal(workspace.weekStart, 0)
    assert.equal(workspace.hourCycle, 'h12')
    const page = await client.get(`/w/${workspace.slug}/posts`).loginAs(owner).withInertia()
    assert.deepEqual(page.inertiaProps.workspace.clock, {
      weekStart: 0,
      hour12: true,
      // A reader in English in Paris: the region's day-first order.
      datePattern: 'dd/MM/yyyy',
      chosen: { weekStart: true, hourCycle: true },
    })

    await save({ weekStart: null, hourCycle: null })
    await workspace.refresh()
    assert.isNull(workspace.weekStart)
    assert.isNull(workspace.hourCycle)
  })

  test('a week start or clock outside the choices is refused and nothing changes', async ({
    client,
    assert,
  }) => {
    const owner = await makeUser()
    const workspace = await makeWorkspace(owner)
    for (const values of [{ weekStart: 3 }, { hourCycle: 'h24' }, { weekStart: 'monday' }]) {
      const response = await client
        .put(`/w/${workspace.slug}/settings`)
        .loginAs(owner)
        .withCsrfToken()
        .json({ name: 'Renamed', timezone: 'Europe/Paris', ...values })
        .header('accept', 'application/json')
      response.assertStatus(422)
    }
    await workspace.refresh()
    assert.equal(workspace.name, 'Acme Bakery')
    assert.isNull(workspace.weekStart)
    assert.isNull(workspace.hourCycle)
  })
})
