import { test } from '@japa/runner'
import { DateTime } from 'luxon'
import Post from '#models/post'
import { withCleanState } from '#tests/helpers/database'
import { ApiContract } from '#tests/functional/api/_openapi'
import { makeToken } from '#tests/functional/api/_fixtures'
import { BLUESKY_SIGNATURE, MASTODON_SIGNATURE, signedDesk, textsOf } from './_signatures.js'

test.group('Content library / automatic signatures outside the composer', (group) => {
  withCleanState(group)
  const api = new ApiContract()

  test('a post created through the API gets each account’s automatic signatures, once, as the composer adds them', async ({
    client,
    assert,
  }) => {
    const desk = await signedDesk()
    const { secret } = await makeToken(desk.workspace, desk.owner)
    const created = await api.call(client, {
      method: 'post',
      path: '/api/v1/posts',
      token: secret,
      body: {
        body: 'Fresh croissants at 7  ',
        targets: [
          { accountId: desk.mastodon.id },
          // Already signed by its author: not signed twice.
          { accountId: desk.bluesky.id, text: `Croissants!\n\n${BLUESKY_SIGNATURE}` },
          { accountId: desk.x.id },
        ],
      },
    })
    assert.equal(created.status, 201)
    const post = await Post.findOrFail(created.body.data.id)
    assert.equal(post.body, 'Fresh croissants at 7')
    assert.deepEqual(await textsOf(post.id), {
      mastodon: `Fresh croissants at 7\n\n${MASTODON_SIGNATURE}`,
      bluesky: `Croissants!\n\n${BLUESKY_SIGNATURE}`,
      x: null,
    })

    // Replacing the post: the accounts already on it keep the text sent (its author removed the
    // signature on purpose); an account the request adds is signed.
    const replaced = await api.call(client, {
      method: 'put',
      path: `/api/v1/posts/${post.id}`,
      token: secret,
      body: {
        body: 'Fresh croissants at 8',
        targets: [{ accountId: desk.x.id }, { accountId: desk.mastodon.id, text: 'No footer' }],
      },
    })
    assert.equal(replaced.status, 200)
    assert.deepEqual(await textsOf(post.id), { mastodon: 'No footer', x: null })
  })

  test('an account added to a post by the API is signed', async ({ client, assert }) => {
    const desk = await signedDesk()
    const { secret } = await makeToken(desk.workspace, desk.owner)
    const created = await api.call(client, {
      method: 'post',
      path: '/api/v1/posts',
      token: secret,
      body: { body: 'Baguettes', targets: [{ accountId: desk.x.id }] },
    })
    const id = created.body.data.id
    const replaced = await api.call(client, {
      method: 'put',
      path: `/api/v1/posts/${id}`,
      token: secret,
      body: {
        body: 'Baguettes',
        targets: [{ accountId: desk.x.id }, { accountId: desk.mastodon.id }],
      },
    })
    assert.equal(replaced.status, 200)
    assert.deepEqual(await textsOf(id), {
      mastodon: `Baguettes\n\n${MASTODON_SIGNATURE}`,
      x: null,
    })
  })

  test('CSV rows are signed per account, and a signature that takes a row over a network’s limit is reported', async ({
    client,
    assert,
  }) => {
    const desk = await signedDesk()
    const when = DateTime.now().setZone('Europe/Paris').plus({ days: 2 }).startOf('hour')
    const at = (hours: number) => when.plus({ hours }).toFormat('yyyy-MM-dd HH:mm')
    // 289 characters: within Bluesky's 300 as written; 307 with a new paragraph and the signature.
    const long = 'Pain '.repeat(58).trim()
    const csv = [
      'text,accounts,datetime',
      `Pistachio week,"${desk.mastodon.handle} | ${desk.bluesky.handle} | ${desk.x.handle}",${at(0)}`,
      `${long},${desk.bluesky.handle},${at(1)}`,
    ].join('\n')
    const uploaded = await client
      .post(`/w/${desk.workspace.slug}/import`)
      .loginAs(desk.owner)
      .withCsrfToken()
      .file('file', Buffer.from(csv), { filename: 'posts.csv' })
      .redirects(0)
    const preview = await client.get(uploaded.header('location')!).loginAs(desk.owner).withInertia()
    const props = preview.inertiaProps as any
    assert.equal(props.validCount, 1)
    assert.deepEqual(
      props.invalid.map((row: any) => [row.line, row.errors.map((e: any) => e.params?.rule)]),
      [[3, ['text_too_long']]]
    )
    assert.equal(props.invalid[0].errors[0].params.length, 307)

    await client
      .post(`/w/${desk.workspace.slug}/import/confirm`)
      .loginAs(desk.owner)
      .withCsrfToken()
      .json({ importId: props.importId })
      .redirects(0)
    const post = await Post.query().where('workspace_id', desk.workspace.id).firstOrFail()
    assert.equal(post.body, 'Pistachio week')
    assert.deepEqual(await textsOf(post.id), {
      mastodon: `Pistachio week\n\n${MASTODON_SIGNATURE}`,
      bluesky: `Pistachio week\n\n${BLUESKY_SIGNATURE}`,
      x: null,
    })
  })
})
