import { test } from '@japa/runner'
import { DateTime } from 'luxon'
import LibraryItem from '#models/library_item'
import MediaAsset from '#models/media_asset'
import Post from '#models/post'
import Delivery from '#models/delivery'
import PostMedia from '#models/post_media'
import { withCleanState } from '#tests/helpers/database'
import { makeDesk } from '#tests/functional/posts/_fixtures'

function uploadCsv(client: any, slug: string, user: any, csv: string) {
  return client
    .post(`/w/${slug}/import`)
    .loginAs(user)
    .withCsrfToken()
    .file('file', Buffer.from(csv), { filename: 'posts.csv' })
    .redirects(0)
}

test.group('Content library / CSV rows that name a template', (group) => {
  withCleanState(group)

  test('a row takes the template’s text, network versions and media; its own text wins; an unknown name is refused', async ({
    client,
    assert,
  }) => {
    const desk = await makeDesk()
    const photo = await MediaAsset.create({
      workspaceId: desk.workspace.id,
      uploadedById: desk.owner.id,
      kind: 'image',
      originalName: 'croissant.jpg',
      mimeType: 'image/jpeg',
      bytes: 1000,
      width: 800,
      height: 600,
      durationSeconds: null,
      altText: null,
      status: 'ready',
      failureReason: null,
      storageKey: `w${desk.workspace.id}/originals/croissant.jpg`,
      thumbnailKey: null,
      sha256: '2'.repeat(64),
    })
    await LibraryItem.create({
      workspaceId: desk.workspace.id,
      kind: 'template',
      name: 'Weekly special',
      body: 'This week at {{client}}: pistachio croissants',
      networkVariants: { bluesky: 'Pistachio week 🥐' },
      media: [{ mediaAssetId: photo.id, altText: 'A croissant' }],
      autoNetworks: [],
      autoAccountIds: [],
      createdById: desk.owner.id,
    })
    const when = DateTime.now().setZone('Europe/Paris').plus({ days: 2 }).startOf('hour')
    const at = (hours: number) => when.plus({ hours }).toFormat('yyyy-MM-dd HH:mm')
    const csv = [
      'template,text,accounts,datetime',
      `weekly SPECIAL,,"${desk.mastodon.handle} | ${desk.bluesky.handle}",${at(0)}`,
      `Weekly special,Our own words,${desk.bluesky.handle},${at(1)}`,
      `Monthly special,,${desk.bluesky.handle},${at(2)}`,
    ].join('\n')
    const uploaded = await uploadCsv(client, desk.workspace.slug, desk.owner, csv)
    assert.equal(uploaded.status(), 302)
    const preview = await client.get(uploaded.header('location')).loginAs(desk.owner).withInertia()
    const props = preview.inertiaProps as any
    assert.equal(props.validCount, 2)
    assert.deepEqual(
      props.invalid.map((row: any) => [row.line, row.errors.map((e: any) => e.code)]),
      [[4, ['unknown_template']]]
    )

    await client
      .post(`/w/${desk.workspace.slug}/import/confirm`)
      .loginAs(desk.owner)
      .withCsrfToken()
      .json({ importId: props.importId })
      .redirects(0)
    const posts = await Post.query().orderBy('scheduled_at')
    assert.deepEqual(
      posts.map((post) => post.body),
      ['This week at {{client}}: pistachio croissants', 'Our own words']
    )
    const first = await Delivery.query().where('post_id', posts[0].id).orderBy('network')
    assert.deepEqual(
      first.map((d) => [d.network, d.text]),
      [
        ['bluesky', 'Pistachio week 🥐'],
        ['mastodon', null],
      ]
    )
    const second = await Delivery.query().where('post_id', posts[1].id)
    assert.deepEqual(
      second.map((d) => d.text),
      [null],
      'a row with its own text leaves the template’s versions out'
    )
    const media = await PostMedia.query()
      .whereIn(
        'post_id',
        posts.map((p) => p.id)
      )
      .orderBy('post_id')
    assert.deepEqual(
      media.map((m) => [m.postId, m.mediaAssetId, m.altText]),
      posts.map((p) => [p.id, photo.id, 'A croissant'])
    )
  })
})
