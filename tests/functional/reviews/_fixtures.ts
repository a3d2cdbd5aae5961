/** Shared by the client review tests: a workspace with three scheduled posts on two networks. */
import { DateTime } from 'luxon'
import type Post from '#models/post'
import type User from '#models/user'
import type Workspace from '#models/workspace'
import { createPost } from '#actions/posts/create_post'
import { schedulePost } from '#actions/posts/schedule_post'
import { createReviewLink } from '#actions/reviews/create_review_link'
import { makeDesk, type Desk } from '#tests/functional/posts/_fixtures'

export interface ReviewDesk extends Desk {
  posts: Post[]
  /** A post on X only, in the same week: left out of a link for Mastodon and Bluesky. */
  xOnly: Post
  from: string
  to: string
}

/** The Monday of next week in the workspace's zone, as the link form sends dates. */
function nextWeek(workspace: Workspace) {
  const monday = DateTime.now().setZone(workspace.timezone).plus({ weeks: 1 }).startOf('week')
  return { monday, from: monday.toISODate()!, to: monday.plus({ days: 6 }).toISODate()! }
}

export async function draft(desk: Desk, body: string, accountIds: number[], author?: User) {
  const result = await createPost({
    workspace: desk.workspace,
    author: author ?? desk.owner,
    body,
    targets: accountIds.map((socialAccountId) => ({ socialAccountId })),
  })
  if (result.status !== 'created') throw new Error(`post not created: ${result.status}`)
  return result.post
}

/** Three posts (Tuesday, Wednesday, Thursday 10:00) on Mastodon and Bluesky, scheduled by the owner. */
export async function makeReviewDesk(): Promise<ReviewDesk> {
  const desk = await makeDesk()
  const { monday, from, to } = nextWeek(desk.workspace)
  const both = [desk.mastodon.id, desk.bluesky.id]
  const posts: Post[] = []
  for (const [day, body] of [
    [1, 'Tuesday: fresh croissants from 7 am'],
    [2, 'Wednesday: the spring menu is here'],
    [3, 'Thursday: live music on the terrace'],
  ] as const) {
    const post = await draft(desk, body, both)
    await schedulePost({ post, actor: desk.owner, at: monday.plus({ days: day, hours: 10 }) })
    posts.push(post)
  }
  const xOnly = await draft(desk, 'Friday: X only announcement', [desk.x.id])
  await schedulePost({ post: xOnly, actor: desk.owner, at: monday.plus({ days: 4, hours: 10 }) })
  return { ...desk, posts, xOnly, from, to }
}

/** A link made through the action (the route is tested on its own). */
export async function linkFor(
  desk: Desk,
  postIds: number[],
  extra: Partial<Parameters<typeof createReviewLink>[0]> = {}
) {
  const result = await createReviewLink({
    workspace: desk.workspace,
    actor: desk.owner,
    label: 'Week 12',
    postIds,
    expiresInDays: 14,
    locale: 'en',
    ...extra,
  })
  if (result.status !== 'created') throw new Error(`link not created: ${result.status}`)
  return result
}

/** A client request: no account, a CSRF token, the client's name cookie when given. */
export function asClient(client: any, method: 'get' | 'post', url: string, name?: string) {
  let request = client[method](url).redirects(0)
  if (method === 'post') request = request.withCsrfToken()
  if (name) request = request.withCookie('review_name', name)
  return request
}

/** The Inertia page an HTML answer carries (component and props), as the browser reads it. */
export function pageOf(html: string): { component: string; props: Record<string, any> } {
  const json = html.match(/<script data-page="app" type="application\/json">(.*?)<\/script>/s)?.[1]
  if (!json) throw new Error('no Inertia page in the answer')
  return JSON.parse(json)
}
