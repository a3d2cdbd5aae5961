import { test } from '@japa/runner'
import { withCleanState } from '#tests/helpers/database'
import { makeUser, makeWorkspace } from '#tests/functional/workspaces/_helpers'

/** The directives of a Content-Security-Policy header, by name. */
function directives(header: string) {
  return Object.fromEntries(
    header
      .split(';')
      .map((part) => part.trim().split(/\s+/))
      .filter(([name]) => name)
      .map(([name, ...sources]) => [name, sources])
  )
}

test.group('Content-Security-Policy of the dashboard', (group) => {
  withCleanState(group)

  test('fonts may come from data: URLs (the calendar’s icon font), and nothing else is widened', async ({
    client,
    assert,
  }) => {
    const owner = await makeUser()
    const workspace = await makeWorkspace(owner)
    const response = await client.get(`/w/${workspace.slug}/calendar`).loginAs(owner)
    response.assertStatus(200)
    const csp = directives(response.header('content-security-policy') ?? '')
    assert.sameMembers(csp['font-src'], [`'self'`, 'data:'])
    assert.sameMembers(csp['default-src'], [`'self'`])
    assert.notInclude(csp['script-src'], 'data:')
    assert.notInclude(csp['style-src'], 'data:')
    assert.sameMembers(csp['connect-src'], [`'self'`])
  })
})
