/** A workspace with automatic signatures, for the tests of every way a post is made. */
import Delivery from '#models/delivery'
import { makeDesk } from '#tests/functional/posts/_fixtures'
import { libraryItem } from './_items.js'

export const MASTODON_SIGNATURE = '— La boulangerie, Paris 11e'
export const BLUESKY_SIGNATURE = '🥐 bakery.example'

/** One signature for every Mastodon account, one for the Bluesky account by name, none for X. */
export async function signedDesk() {
  const desk = await makeDesk()
  await libraryItem(desk.workspace.id, 'snippet', 'Mastodon footer', MASTODON_SIGNATURE, {
    networks: ['mastodon'],
  })
  await libraryItem(desk.workspace.id, 'snippet', 'Bluesky footer', BLUESKY_SIGNATURE, {
    accountIds: [desk.bluesky.id],
  })
  // A signature nobody set to automatic is never added.
  await libraryItem(desk.workspace.id, 'snippet', 'Manual only', 'Manual signature')
  return desk
}

/** Each live delivery's own text, by network (null: it publishes the post's body). */
export const textsOf = async (postId: number) =>
  Object.fromEntries(
    (await Delivery.query().where('post_id', postId).whereNot('status', 'cancelled')).map((d) => [
      d.network,
      d.text,
    ])
  )
