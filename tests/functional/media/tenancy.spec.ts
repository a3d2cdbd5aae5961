import { test } from '@japa/runner'
import MediaAsset from '#models/media_asset'
import { withCleanState } from '#tests/helpers/database'
import { makeUser, makeWorkspace } from '#tests/functional/workspaces/_helpers'
import { clearMediaDisk, jpegWithGps, storedFiles, upload } from './_helpers.js'

test.group('Media / tenancy', (group) => {
  withCleanState(group)
  group.each.setup(() => clearMediaDisk())

  test('a member of another workspace cannot list, read, download, edit or delete your media', async ({
    client,
    assert,
  }) => {
    const owner = await makeUser()
    const workspace = await makeWorkspace(owner, 'Victim Agency')
    const response = await upload(client, workspace.slug, owner, [
      { name: 'secret-launch.jpg', bytes: await jpegWithGps() },
    ])
    const id = response.body().uploaded[0].id

    const intruder = await makeUser()
    const own = await makeWorkspace(intruder, 'Intruder Agency')
    const attempts = [
      client.get(`/w/${workspace.slug}/media`).loginAs(intruder),
      client.get(`/w/${workspace.slug}/media/${id}/file`).loginAs(intruder),
      client.get(`/w/${own.slug}/media/${id}/file`).loginAs(intruder),
      client.get(`/w/${own.slug}/media/${id}/file?variant=thumbnail`).loginAs(intruder),
      client
        .patch(`/w/${own.slug}/media/${id}`)
        .loginAs(intruder)
        .withCsrfToken()
        .json({ altText: 'pwned' }),
      client
        .patch(`/w/${workspace.slug}/media/${id}`)
        .loginAs(intruder)
        .withCsrfToken()
        .json({ altText: 'pwned' }),
      client.delete(`/w/${own.slug}/media/${id}`).loginAs(intruder).withCsrfToken(),
      client.delete(`/w/${workspace.slug}/media/${id}`).loginAs(intruder).withCsrfToken(),
      client.get(`/media/${id}/public`),
      client.get(`/media/${id}/public?signature=forged`),
    ]
    for (const attempt of attempts) {
      const answer = await attempt.redirects(0)
      assert.oneOf(answer.status(), [403, 404], answer.text().slice(0, 200))
      assert.notInclude(answer.text(), 'secret-launch')
    }
    const listing = await client.get(`/w/${own.slug}/media`).loginAs(intruder).withInertia()
    assert.lengthOf(listing.inertiaProps.assets as unknown[], 0)

    const asset = await MediaAsset.findOrFail(id)
    assert.isNull(asset.altText)
    assert.lengthOf(await storedFiles(), 1)
  })
})
