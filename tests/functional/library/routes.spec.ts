import { test } from '@japa/runner'
import LibraryItem from '#models/library_item'
import MediaAsset from '#models/media_asset'
import AuditLog from '#models/audit_log'
import { withCleanState } from '#tests/helpers/database'
import { makeDesk } from '#tests/functional/posts/_fixtures'
import {
  addMember,
  assertDenied,
  send,
  validationErrors,
} from '#tests/functional/workspaces/_helpers'

const count = async () => Number((await LibraryItem.query().count('* as n').first())!.$extras.n)

test.group('Content library / page routes', (group) => {
  withCleanState(group)

  test('an editor adds each kind; a viewer reads the page and the pickers but cannot write', async ({
    client,
    assert,
  }) => {
    const desk = await makeDesk()
    const { user: editor } = await addMember(desk.workspace, 'editor')
    const { user: viewer } = await addMember(desk.workspace, 'viewer')
    const library = `/w/${desk.workspace.slug}/library`

    for (const body of [
      {
        kind: 'template',
        name: 'Weekly special',
        body: 'This week at {{client}}: {{dish}}',
        networkVariants: { x: 'Short one for X', mastodon: '   ' },
      },
      {
        kind: 'snippet',
        name: 'Signature',
        body: '— The {{client}} team',
        autoNetworks: ['mastodon'],
        autoAccountIds: [desk.x.id],
      },
      { kind: 'hashtag_group', name: 'Bakery', body: '#bread, croissant #bread ##pastry 42' },
      { kind: 'variable', name: 'Dish', body: 'pistachio croissants' },
    ]) {
      const response = await send(client, 'post', library, editor, body)
      assert.equal(response.status(), 302)
      assert.deepEqual(validationErrors(response), {}, body.kind)
    }
    const items = await LibraryItem.query().orderBy('id')
    assert.deepEqual(
      items.map((item) => [item.kind, item.name, item.createdById]),
      [
        ['template', 'Weekly special', editor.id],
        ['snippet', 'Signature', editor.id],
        ['hashtag_group', 'Bakery', editor.id],
        // A variable is written as {{dish}}: its name is kept in lower case.
        ['variable', 'dish', editor.id],
      ]
    )
    // An empty variant is dropped (the network then uses the body); a group keeps distinct tags.
    assert.deepEqual(items[0].networkVariants, { x: 'Short one for X' })
    assert.equal(items[2].body, '#bread #croissant #pastry')
    assert.deepEqual(items[1].autoNetworks, ['mastodon'])
    assert.deepEqual(items[1].autoAccountIds, [desk.x.id])
    assert.equal(
      await AuditLog.query()
        .where('action', 'library.created')
        .count('* as n')
        .first()
        .then((r) => Number(r!.$extras.n)),
      4
    )

    const page = await client.get(`${library}?kind=hashtag_group`).loginAs(viewer).withInertia()
    page.assertInertiaComponent('library/index')
    const props = page.inertiaProps as any
    assert.isFalse(props.canEdit)
    assert.lengthOf(props.items, 4)
    assert.equal(props.filters.kind, 'hashtag_group')
    const tags = props.items.find((item: any) => item.kind === 'hashtag_group')
    assert.equal(tags.hashtagCount, 3)
    assert.deepEqual(tags.overLimitOn, [])

    const picker = await client.get(`${library}/picker`).loginAs(viewer)
    picker.assertStatus(200)
    assert.equal(picker.body().variables.client, desk.workspace.name)
    assert.equal(picker.body().variables.dish, 'pistachio croissants')
    assert.lengthOf(picker.body().items, 4)

    const refused = await send(client, 'post', library, viewer, {
      kind: 'variable',
      name: 'promo',
      body: 'x',
    })
    assertDenied(refused, assert)
    assertDenied(await send(client, 'delete', `${library}/${items[0].id}`, viewer), assert)
    assert.equal(await count(), 4)
  })

  test('search finds words in names and texts, case-insensitively, and % is literal', async ({
    client,
    assert,
  }) => {
    const desk = await makeDesk()
    const library = `/w/${desk.workspace.slug}/library`
    for (const [name, body] of [
      ['Croissant launch', 'Fresh out of the oven'],
      ['Sourdough', 'Our CROISSANTS sell out by nine'],
      ['Discount', '50% off on Mondays'],
      ['Other', '500 loaves baked'],
    ])
      await send(client, 'post', library, desk.owner, { kind: 'template', name, body })

    const names = async (q: string) => {
      const response = await client
        .get(`${library}?q=${encodeURIComponent(q)}`)
        .loginAs(desk.owner)
        .withInertia()
      return (response.inertiaProps as any).items.map((item: any) => item.name)
    }
    assert.deepEqual(await names('croissant'), ['Croissant launch', 'Sourdough'])
    assert.deepEqual(await names('0%'), ['Discount'])
    assert.deepEqual(await names('nothing like this'), [])
  })

  test('every input is checked: 4xx and nothing written', async ({ client, assert }) => {
    const desk = await makeDesk()
    const other = await makeDesk()
    const library = `/w/${desk.workspace.slug}/library`
    const foreignMedia = await MediaAsset.create({
      workspaceId: other.workspace.id,
      uploadedById: other.owner.id,
      kind: 'image',
      originalName: 'theirs.jpg',
      mimeType: 'image/jpeg',
      bytes: 1,
      width: 1,
      height: 1,
      durationSeconds: null,
      altText: null,
      status: 'ready',
      failureReason: null,
      storageKey: 'w0/none.jpg',
      thumbnailKey: null,
      sha256: '1'.repeat(64),
    })
    const refusals: [object, string][] = [
      [{ kind: 'variable', name: 'client', body: 'Not us' }, 'name'],
      [{ kind: 'variable', name: '9lives', body: 'x' }, 'name'],
      [{ kind: 'variable', name: 'has space', body: 'x' }, 'name'],
      [{ kind: 'hashtag_group', name: 'Empty', body: '# 123, ## 4_5' }, 'body'],
      [{ kind: 'template', name: 'Blank', body: '   ' }, 'body'],
      [
        { kind: 'template', name: 'Theirs', body: 'x', media: [{ mediaAssetId: foreignMedia.id }] },
        'media',
      ],
      [
        { kind: 'snippet', name: 'Theirs', body: 'x', autoAccountIds: [other.x.id] },
        'autoAccountIds',
      ],
      [
        { kind: 'template', name: 'Nowhere', body: 'x', networkVariants: { myspace: 'x' } },
        'networkVariants',
      ],
      [{ kind: 'recipe', name: 'x', body: 'x' }, 'kind'],
      [{ kind: 'template', name: '', body: 'x' }, 'name'],
      [{ kind: 'template', name: 'Long', body: 'x'.repeat(10_001) }, 'body'],
    ]
    for (const [body, field] of refusals) {
      const response = await send(client, 'post', library, desk.owner, body)
      assert.equal(response.status(), 302, JSON.stringify(body))
      assert.property(validationErrors(response), field, JSON.stringify(body))
    }
    assert.equal(await count(), 0)

    await send(client, 'post', library, desk.owner, { kind: 'template', name: 'Menu', body: 'a' })
    const duplicate = await send(client, 'post', library, desk.owner, {
      kind: 'template',
      name: 'MENU',
      body: 'b',
    })
    assert.property(validationErrors(duplicate), 'name')
    const item = await LibraryItem.firstOrFail()
    const kindChange = await send(client, 'put', `${library}/${item.id}`, desk.owner, {
      kind: 'snippet',
      name: 'Menu',
      body: 'b',
    })
    assert.property(validationErrors(kindChange), 'kind')
    await item.refresh()
    assert.equal(item.kind, 'template')
    assert.equal(item.body, 'a')
  })

  test('another workspace’s item is a 404 through one’s own workspace, and stays as it was', async ({
    client,
    assert,
  }) => {
    const desk = await makeDesk()
    const other = await makeDesk()
    const theirs = await LibraryItem.create({
      workspaceId: other.workspace.id,
      kind: 'template',
      name: 'Secret plan',
      body: 'Secret body',
      networkVariants: {},
      media: [],
      autoNetworks: [],
      autoAccountIds: [],
      createdById: other.owner.id,
    })
    const own = `/w/${desk.workspace.slug}/library/${theirs.id}`
    const put = await send(client, 'put', own, desk.owner, {
      kind: 'template',
      name: 'Mine now',
      body: 'x',
    })
    assert.equal(put.status(), 404)
    assert.equal((await send(client, 'delete', own, desk.owner)).status(), 404)
    const page = await client
      .get(`/w/${desk.workspace.slug}/library`)
      .loginAs(desk.owner)
      .withInertia()
    assert.notInclude(JSON.stringify(page.inertiaProps), 'Secret')
    await theirs.refresh()
    assert.equal(theirs.name, 'Secret plan')
  })
})
