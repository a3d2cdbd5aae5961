import type { FakeReply, FakeRequest } from '#sdk/testing/fake_server'
import type { StoredPost } from '#sdk/testing/fake_network'
import type { BlobStore } from './blobs.js'
import { cidOf, recordCheck } from './lexicon_checks.js'
import { invalid } from './replies.js'

export const POST = 'app.bsky.feed.post'
const TID = /^[234567abcdefghij][234567abcdefghijklmnopqrstuvwxyz]{12}$/
const encoder = new TextEncoder()

export interface Account {
  did: string
  handle: string
  displayName: string
  password: string
}

export interface Post extends StoredPost {
  uri: string
  cid: string
  record: Record<string, any>
  indexedAt: string
  counts: { likes: number; reposts: number; replies: number; quotes: number }
}

/**
 * com.atproto.repo.createRecord for app.bsky.feed.post (body already checked against the
 * lexicon): the record against its lexicon, its blobs and facets, its TID record key, which must
 * be new in the repo. Stores the post in `posts`.
 */
export function createPost(
  request: FakeRequest,
  account: Account,
  posts: Map<string, Post>,
  blobs: BlobStore
): FakeReply {
  const { repo, collection, rkey, record } = request.body
  if (repo !== account.did && repo !== account.handle)
    return invalid(`Could not find repo: ${repo}`)
  if (collection !== POST) return invalid(`This fake PDS only stores ${POST} records`)
  if (record?.$type !== undefined && record.$type !== collection)
    return invalid(`Invalid $type: expected ${collection}, got ${record.$type}`)
  const full = { ...record, $type: collection }
  const problem =
    recordCheck(collection, full) ??
    blobs.problemIn(full) ??
    facetProblem(full) ??
    replyProblem(full, posts)
  if (problem) return invalid(`Invalid app.bsky.feed.post record: ${problem}`)
  // The lexicon declares "key": "tid" for posts.
  if (rkey !== undefined && !TID.test(rkey))
    return invalid(`Invalid record key for ${POST}: expected a TID`)
  const key = rkey ?? tidNow()
  const uri = `at://${account.did}/${collection}/${key}`
  // The production PDS currently answers an existing rkey with a 500; an explicit XRPC error is on its way.
  if (posts.has(uri)) return invalid(`Record already exists: ${uri}`)
  const cid = cidOf(encoder.encode(JSON.stringify(full)), 0x71)
  posts.set(uri, {
    uri,
    cid,
    record: full,
    text: full.text,
    media: mediaOf(full.embed),
    idempotencyKey: null,
    inReplyTo: full.reply?.parent.uri ?? null,
    indexedAt: new Date().toISOString(),
    counts: { likes: 0, reposts: 0, replies: 0, quotes: 0 },
  })
  if (full.reply) posts.get(full.reply.parent.uri)!.counts.replies++
  return { json: { uri, cid, commit: { cid, rev: tidNow() }, validationStatus: 'valid' } }
}

/**
 * A reply's strong refs must name posts that exist, at the versions (CIDs) they have, and
 * agree: `root` is the parent's own root, or the parent itself when the parent is no reply.
 * The PDS stores any well-formed ref, but the AppView then shows the reply detached from the
 * thread: a stricter fake catches a thread that would not hold together.
 */
function replyProblem(record: Record<string, any>, posts: Map<string, Post>): string | null {
  if (!record.reply) return null
  const { root, parent } = record.reply
  for (const [name, ref] of [
    ['parent', parent],
    ['root', root],
  ] as const) {
    const target = posts.get(ref.uri)
    if (!target) return `reply.${name} ${ref.uri} does not exist`
    if (target.cid !== ref.cid) return `reply.${name} names ${ref.uri} at another CID`
  }
  const expectedRoot = posts.get(parent.uri)!.record.reply?.root.uri ?? parent.uri
  if (root.uri !== expectedRoot) return `reply.root is not the thread's root (${expectedRoot})`
  return null
}

/** The AppView's view of a post (app.bsky.feed.getPosts). */
export function postView(post: Post, account: Account) {
  return {
    uri: post.uri,
    cid: post.cid,
    author: { did: account.did, handle: account.handle, displayName: account.displayName },
    record: post.record,
    indexedAt: post.indexedAt,
    likeCount: post.counts.likes,
    repostCount: post.counts.reposts,
    replyCount: post.counts.replies,
    quoteCount: post.counts.quotes,
    bookmarkCount: 0,
  }
}

/**
 * Facet ranges must fall inside the text's UTF-8 bytes and, for links, cover the URL
 * itself: the AppView drops facets that do not, so a stricter fake catches offset bugs.
 */
function facetProblem(record: Record<string, any>): string | null {
  const bytes = encoder.encode(record.text)
  for (const facet of record.facets ?? []) {
    const { byteStart, byteEnd } = facet.index
    if (byteStart >= byteEnd || byteEnd > bytes.length)
      return `facet range ${byteStart}-${byteEnd} is outside the text`
    let covered: string
    try {
      covered = new TextDecoder('utf-8', { fatal: true }).decode(bytes.slice(byteStart, byteEnd))
    } catch {
      return `facet range ${byteStart}-${byteEnd} splits a character`
    }
    for (const feature of facet.features) {
      if (
        feature.$type === 'app.bsky.richtext.facet#link' &&
        !feature.uri.startsWith(covered.replace(/…$/, ''))
      ) {
        return `link facet covers "${covered}", not its URL`
      }
    }
  }
  return null
}

function mediaOf(embed: Record<string, any> | undefined): StoredPost['media'] {
  if (embed?.$type === 'app.bsky.embed.images')
    return embed.images.map((image: any) => ({ kind: 'image' as const, altText: image.alt }))
  if (embed?.$type === 'app.bsky.embed.video')
    return [{ kind: 'video' as const, altText: embed.alt ?? null }]
  return []
}

function tidNow() {
  const alphabet = '234567abcdefghijklmnopqrstuvwxyz'
  let value = (BigInt(Date.now()) * 1000n) << 10n
  let out = ''
  for (let i = 0; i < 13; i++, value >>= 5n) out = alphabet[Number(value & 31n)] + out
  return out
}
