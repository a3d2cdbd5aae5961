import { test } from '@japa/runner'
import { DateTime } from 'luxon'
import db from '@adonisjs/lucid/services/db'
import queue from '#queue/main'
import { jobs } from '#jobs/main'
import { schedulePost } from '#actions/posts/schedule_post'
import SendClientDigestJob from '#jobs/send_client_digest_job'
import { SEND_CLIENT_DIGEST } from '#queue/job_specs'
import { CLIENT_DIGEST_DELAY_MS } from '#services/reviews/client_digest'
import { withCleanState } from '#tests/helpers/database'
import { clearOutbox, readOutbox } from '#tests/helpers/outbox'
import { draft, linkFor, makeReviewDesk, type ReviewDesk } from './_fixtures.js'

const CLIENT = 'claire@client.example'

/** The link the calendar makes for next week on Mastodon and Bluesky, announced to the client. */
async function weekLink(desk: ReviewDesk, extra: { clientEmail?: string | null } = {}) {
  const from = DateTime.fromISO(desk.from, { zone: desk.workspace.timezone })
  return linkFor(desk, [], {
    postIds: undefined,
    range: { from, to: from.plus({ days: 7 }) },
    accountIds: [desk.mastodon.id, desk.bluesky.id],
    clientEmail: CLIENT,
    ...extra,
  })
}

const postsOfLink = async (linkId: number) =>
  (await db.from('review_link_posts').where('review_link_id', linkId)).map((row) => row.post_id)

async function waitingDigests() {
  const delayed = await queue.use(SEND_CLIENT_DIGEST.queue).getDelayed()
  return delayed.filter((job) => job.name === SEND_CLIENT_DIGEST.jobName)
}

test.group('Client review / the client hears of posts added later', (group) => {
  withCleanState(group)

  test('posts scheduled later inside the link’s week join it; the client gets one mail for all of them', async ({
    assert,
  }) => {
    const desk = await makeReviewDesk()
    const { link } = await weekLink(desk)
    const before = await postsOfLink(link.id)
    assert.sameMembers(
      before,
      desk.posts.map((post) => post.id)
    )
    await clearOutbox()
    const monday = DateTime.fromISO(desk.from, { zone: desk.workspace.timezone })

    const added = []
    for (const [day, body] of [
      [4, 'Friday: tasting evening'],
      [5, 'Saturday: market stall'],
    ] as const) {
      const post = await draft(desk, body, [desk.mastodon.id])
      await schedulePost({ post, actor: desk.owner, at: monday.plus({ days: day, hours: 9 }) })
      added.push(post)
    }
    // Outside the week, and inside it but only on X: not for this link.
    const later = await draft(desk, 'Next month: summer menu', [desk.mastodon.id])
    await schedulePost({ post: later, actor: desk.owner, at: monday.plus({ weeks: 4 }) })
    const xOnly = await draft(desk, 'Saturday on X only', [desk.x.id])
    await schedulePost({ post: xOnly, actor: desk.owner, at: monday.plus({ days: 5, hours: 11 }) })

    assert.sameMembers(await postsOfLink(link.id), [...before, ...added.map((post) => post.id)])
    // Nothing is mailed at once: one delayed job for the link, whatever the number of posts.
    assert.lengthOf(await readOutbox(), 0)
    const waiting = await waitingDigests()
    assert.lengthOf(waiting, 1)
    assert.deepEqual(waiting[0].data.reviewLinkId, link.id)
    assert.equal(waiting[0].opts.delay, CLIENT_DIGEST_DELAY_MS)
    assert.isDefined(await jobs.resolve(SEND_CLIENT_DIGEST.jobName))

    assert.deepEqual(await new SendClientDigestJob().handle({ reviewLinkId: link.id }), {
      announced: 2,
    })
    const mails = await readOutbox()
    assert.lengthOf(mails, 1)
    assert.deepEqual(
      mails[0].to.map((to) => to.address),
      [CLIENT]
    )
    assert.equal(mails[0].subject, 'New posts from Acme Bakery await your review')
    assert.include(mails[0].text, 'added 2 post(s) to “Week 12”')
    // The token exists only as a hash: the mail names the link, it cannot carry it.
    assert.notMatch(mails[0].text, /\/review\/rv_/)

    // Told once: the same job again has nothing to say.
    assert.deepEqual(await new SendClientDigestJob().handle({ reviewLinkId: link.id }), {
      announced: 0,
    })
    assert.lengthOf(await readOutbox(), 1)
  })

  test('the mail speaks the link’s language', async ({ assert }) => {
    const desk = await makeReviewDesk()
    const { link } = await weekLink(desk)
    await link.merge({ locale: 'fr' }).save()
    await clearOutbox()
    const post = await draft(desk, 'Vendredi : dégustation', [desk.bluesky.id])
    const monday = DateTime.fromISO(desk.from, { zone: desk.workspace.timezone })
    await schedulePost({ post, actor: desk.owner, at: monday.plus({ days: 4, hours: 9 }) })
    await new SendClientDigestJob().handle({ reviewLinkId: link.id })
    const [mail] = await readOutbox()
    assert.equal(mail.subject, 'De nouvelles publications de Acme Bakery attendent votre relecture')
    assert.include(mail.text, 'a ajouté 1 publication(s) à «\u202fWeek 12\u202f»')
  })

  test('no opt-in address, a revoked link, or a post removed meanwhile: nothing joins, nobody is mailed', async ({
    assert,
  }) => {
    const desk = await makeReviewDesk()
    const { link: silent } = await weekLink(desk, { clientEmail: null })
    const { link: revoked } = await weekLink(desk)
    await revoked.merge({ revokedAt: DateTime.utc() }).save()
    const { link: open } = await weekLink(desk)
    await clearOutbox()
    const monday = DateTime.fromISO(desk.from, { zone: desk.workspace.timezone })
    const post = await draft(desk, 'Friday: tasting evening', [desk.mastodon.id])
    await schedulePost({ post, actor: desk.owner, at: monday.plus({ days: 4, hours: 9 }) })

    assert.notInclude(await postsOfLink(silent.id), post.id)
    assert.notInclude(await postsOfLink(revoked.id), post.id)
    assert.include(await postsOfLink(open.id), post.id)
    assert.deepEqual(
      (await waitingDigests()).map((job) => job.data.reviewLinkId),
      [open.id]
    )

    // Deleted before the mail went: the client is not told of a post that is gone.
    await post.delete()
    assert.deepEqual(await new SendClientDigestJob().handle({ reviewLinkId: open.id }), {
      announced: 0,
    })
    assert.lengthOf(await readOutbox(), 0)
  })
})
