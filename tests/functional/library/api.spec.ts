import { test } from '@japa/runner'
import LibraryItem from '#models/library_item'
import { withCleanState } from '#tests/helpers/database'
import { makeDesk } from '#tests/functional/posts/_fixtures'
import { addMember } from '#tests/functional/workspaces/_helpers'
import { ApiContract } from '#tests/functional/api/_openapi'
import { makeToken } from '#tests/functional/api/_fixtures'

const tags = (n: number) => Array.from({ length: n }, (_, i) => `#tag${i}x`).join(' ')

test.group('Content library / API', (group) => {
  withCleanState(group)
  const api = new ApiContract()

  test('a write token creates, lists, searches, shows, changes and deletes; every answer is documented', async ({
    client,
    assert,
  }) => {
    const desk = await makeDesk()
    const { secret } = await makeToken(desk.workspace, desk.owner)

    const created = await api.call(client, {
      method: 'post',
      path: '/api/v1/library',
      token: secret,
      body: { kind: 'hashtag_group', name: 'Everything', body: tags(31) },
    })
    assert.equal(created.status, 201)
    assert.equal(created.body.data.hashtagCount, 31)
    // Instagram allows 30 hashtags (its capabilities say so); the others set no limit.
    assert.deepEqual(created.body.data.overLimitOn, ['instagram'])

    const template = await api.call(client, {
      method: 'post',
      path: '/api/v1/library',
      token: secret,
      body: {
        kind: 'template',
        name: 'Opening hours',
        body: 'Open 7–19 at {{client}}',
        networkVariants: { x: 'Open 7–19' },
      },
    })
    assert.equal(template.status, 201)
    const id = template.body.data.id

    const listed = await api.call(client, {
      method: 'get',
      path: '/api/v1/library',
      token: secret,
      query: { kind: 'template', q: 'OPEN 7' },
    })
    assert.deepEqual(
      listed.body.data.map((item: any) => item.name),
      ['Opening hours']
    )
    const shown = await api.call(client, {
      method: 'get',
      path: `/api/v1/library/${id}`,
      token: secret,
    })
    assert.deepEqual(shown.body.data.networkVariants, { x: 'Open 7–19' })

    const updated = await api.call(client, {
      method: 'put',
      path: `/api/v1/library/${id}`,
      token: secret,
      body: { kind: 'template', name: 'Opening hours', body: 'Open 8–20' },
    })
    assert.equal(updated.status, 200)
    assert.deepEqual(updated.body.data.networkVariants, {})
    assert.equal((await LibraryItem.findOrFail(id)).body, 'Open 8–20')

    const removed = await api.call(client, {
      method: 'delete',
      path: `/api/v1/library/${id}`,
      token: secret,
    })
    assert.equal(removed.status, 204)
    assert.isNull(await LibraryItem.find(id))
  })

  test('refusals: 422 with the field, 403 for a read token or a viewer, 404 for another workspace', async ({
    client,
    assert,
  }) => {
    const desk = await makeDesk()
    const other = await makeDesk()
    const { secret } = await makeToken(desk.workspace, desk.owner)
    const { secret: readOnly } = await makeToken(desk.workspace, desk.owner, 'read')
    const { user: viewer } = await addMember(desk.workspace, 'viewer')
    const { secret: viewerToken } = await makeToken(desk.workspace, viewer, 'read')

    const reserved = await api.call(client, {
      method: 'post',
      path: '/api/v1/library',
      token: secret,
      body: { kind: 'variable', name: 'date', body: 'tomorrow' },
    })
    assert.equal(reserved.status, 422)
    assert.deepEqual(reserved.body.error.details, [{ field: 'name', rule: 'variable_reserved' }])
    const malformed = await api.call(client, {
      method: 'post',
      path: '/api/v1/library',
      token: secret,
      body: { kind: 'variable', name: 'has space', body: 'v' },
    })
    assert.equal(malformed.status, 422)
    assert.deepEqual(malformed.body.error.details, [{ field: 'name', rule: 'variable_name' }])

    const body = { kind: 'variable', name: 'promo', body: '-10%' }
    for (const token of [readOnly, viewerToken]) {
      const refused = await api.call(client, {
        method: 'post',
        path: '/api/v1/library',
        token,
        body,
      })
      assert.equal(refused.status, 403)
    }
    // Viewers read the library.
    const read = await api.call(client, {
      method: 'get',
      path: '/api/v1/library',
      token: viewerToken,
    })
    assert.equal(read.status, 200)
    assert.equal(
      await LibraryItem.query()
        .count('* as n')
        .first()
        .then((r) => Number(r!.$extras.n)),
      0
    )

    const theirs = await LibraryItem.create({
      workspaceId: other.workspace.id,
      kind: 'variable',
      name: 'secret',
      body: 'their secret',
      networkVariants: {},
      media: [],
      autoNetworks: [],
      autoAccountIds: [],
      createdById: null,
    })
    for (const method of ['get', 'delete'] as const) {
      const answer = await api.call(client, {
        method,
        path: `/api/v1/library/${theirs.id}`,
        token: secret,
      })
      assert.equal(answer.status, 404)
    }
    const put = await api.call(client, {
      method: 'put',
      path: `/api/v1/library/${theirs.id}`,
      token: secret,
      body,
    })
    assert.equal(put.status, 404)
    assert.equal((await LibraryItem.findOrFail(theirs.id)).body, 'their secret')
  })
})
