import { test } from '@japa/runner'
import router from '@adonisjs/core/services/router'
import { withCleanState } from '#tests/helpers/database'
import { QUEUE_NAMES } from '#queue/types'
import { adminAndMember } from './_fixtures.js'

/** Every route of the System area, from the router itself: a new one is covered as it is added. */
function systemProbes() {
  const sample: Record<string, string> = { queue: 'publish', job: 'some-job', delivery: '1' }
  return Object.values(router.toJSON())
    .flat()
    .filter((route) => route.pattern === '/system' || route.pattern.startsWith('/system/'))
    .flatMap((route) =>
      route.methods
        .filter((method) => method !== 'HEAD')
        .map((method) => ({
          method,
          url: route.pattern.replace(/:(\w+)/g, (_m, name: string) => sample[name] ?? 'x'),
        }))
    )
}

test.group('System / who may reach it', (group) => {
  withCleanState(group)

  test('a signed-in user who is not an instance admin gets 404 on every System route', async ({
    client,
    assert,
  }) => {
    const { member } = await adminAndMember()
    const probes = systemProbes()
    assert.isAtLeast(probes.length, 6, 'the walker finds the System routes')
    assert.includeDeepMembers(
      probes.map((probe) => `${probe.method} ${probe.url}`),
      [
        'GET /system',
        'POST /system/jobs/publish/some-job/retry',
        'DELETE /system/jobs/publish/some-job',
        'POST /system/deliveries/1/reconcile',
        'GET /system/settings',
      ]
    )
    for (const probe of probes) {
      const response = await (client as any)
        .request(probe.url, probe.method)
        .loginAs(member)
        .withCsrfToken()
        .withInertia()
        .json({})
        .redirects(0)
      assert.equal(response.status(), 404, `${probe.method} ${probe.url}`)
      assert.notInclude(response.text(), 'system/index', `${probe.method} ${probe.url}`)
    }
  })

  test('a guest is sent to the sign-in page', async ({ client }) => {
    const response = await client.get('/system').redirects(0)
    response.assertStatus(302)
    response.assertHeader('location', '/login')
  })

  test('an instance admin opens the page; the shared user tells the menu to show it', async ({
    client,
    assert,
  }) => {
    const { admin, member } = await adminAndMember()
    const page = await client.get('/system').loginAs(admin).withInertia()
    page.assertStatus(200)
    page.assertInertiaComponent('system/index')
    const overview = page.inertiaProps.overview as { queues: { name: string }[] }
    assert.deepEqual(
      overview.queues.map((queue) => queue.name),
      [...QUEUE_NAMES]
    )
    assert.isTrue((page.inertiaProps.user as { isInstanceAdmin: boolean }).isInstanceAdmin)

    const other = await client.get('/profile').loginAs(member).withInertia()
    assert.isFalse((other.inertiaProps.user as { isInstanceAdmin: boolean }).isInstanceAdmin)
  })
})
