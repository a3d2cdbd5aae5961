import { test } from '@japa/runner'
import { withCleanState } from '#tests/helpers/database'
import { addMember, makeUser, makeWorkspace, send } from '#tests/functional/workspaces/_helpers'
import { jpeg, makeToken } from '#tests/functional/api/_fixtures'
import MediaAsset from '#models/media_asset'

/** Uploads an image through the API as an integration would. */
async function upload(client: any, secret: string) {
  return client
    .post('/api/v1/media')
    .header('authorization', `Bearer ${secret}`)
    .file('file', await jpeg(), { filename: 'photo.jpg' })
}

test.group('Security / API tokens follow their member’s current role', (group) => {
  withCleanState(group)

  test('an admin demoted to editor keeps reading with a write token but can no longer upload', async ({
    client,
    assert,
  }) => {
    const owner = await makeUser()
    const workspace = await makeWorkspace(owner)
    const { user: admin, member } = await addMember(workspace, 'admin')
    const { secret } = await makeToken(workspace, admin, 'write')
    ;(await upload(client, secret)).assertStatus(201)

    const demoted = await send(
      client,
      'patch',
      `/w/${workspace.slug}/members/${member.id}`,
      owner,
      {
        role: 'editor',
      }
    )
    assert.oneOf(demoted.status(), [302, 303])
    await member.refresh()
    assert.equal(member.role, 'editor')

    const refused = await upload(client, secret)
    refused.assertStatus(403)
    assert.equal(refused.body().error.code, 'insufficient_role')
    assert.lengthOf(await MediaAsset.all(), 1, 'the refused upload left nothing behind')
    const read = await client.get('/api/v1/posts').header('authorization', `Bearer ${secret}`)
    read.assertStatus(200)
  })

  test('tokens of a member removed from the workspace stop working at once', async ({
    client,
    assert,
  }) => {
    const owner = await makeUser()
    const workspace = await makeWorkspace(owner)
    const { user: admin, member } = await addMember(workspace, 'admin')
    const { secret } = await makeToken(workspace, admin, 'write')
    ;(
      await client.get('/api/v1/accounts').header('authorization', `Bearer ${secret}`)
    ).assertStatus(200)

    const removed = await send(client, 'delete', `/w/${workspace.slug}/members/${member.id}`, owner)
    assert.oneOf(removed.status(), [302, 303])

    for (const call of [
      client.get('/api/v1/accounts'),
      client.post('/api/v1/posts').json({ text: 'still here?' }),
    ]) {
      const response = await call.header('authorization', `Bearer ${secret}`)
      response.assertStatus(401)
      assert.equal(response.body().error.code, 'unauthenticated')
    }
    ;(await upload(client, secret)).assertStatus(401)
  })
})
