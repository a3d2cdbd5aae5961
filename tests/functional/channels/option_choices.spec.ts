import { test } from '@japa/runner'
import type SocialAccount from '#models/social_account'
import type User from '#models/user'
import type Workspace from '#models/workspace'
import { openToken } from '#services/token_vault'
import { withCleanState } from '#tests/helpers/database'
import { addMember, makeUser, makeWorkspace } from '#tests/functional/workspaces/_helpers'
import { BOARDS, FakePinterest, SECTIONS } from '#plugins/pinterest/fake/server'
import { FakeTikTok } from '#plugins/tiktok/fake/server'
import { FakeReddit } from '#plugins/reddit/fake/server'
import {
  connectToFake as connect,
  keepPluginSettings,
  type ChoicesNetwork as Network,
} from './_choices_fixtures.js'

test.group('Channels: choices of account-sourced options', (group) => {
  withCleanState(group)

  let owner: User
  let workspace: Workspace
  let fakes: { pinterest: FakePinterest; tiktok: FakeTikTok; reddit: FakeReddit }
  let accounts: Record<Network, SocialAccount>
  const url = (account: SocialAccount, field: string, query = '') =>
    `/w/${workspace.slug}/channels/${account.id}/options/${field}/choices${query}`

  group.each.setup(async () => {
    const restore = keepPluginSettings(['pinterest', 'tiktok', 'reddit'])
    const [pinterest, tiktok, reddit] = await Promise.all([
      FakePinterest.start(),
      FakeTikTok.start(),
      FakeReddit.start(),
    ])
    fakes = { pinterest, tiktok, reddit }
    owner = await makeUser()
    workspace = await makeWorkspace(owner)
    accounts = {
      pinterest: await connect('pinterest', pinterest, workspace, owner),
      tiktok: await connect('tiktok', tiktok, workspace, owner),
      reddit: await connect('reddit', reddit, workspace, owner),
    }
    return async () => {
      await Promise.all([pinterest.close(), tiktok.close(), reddit.close()])
      restore()
    }
  })

  test('Pinterest: the account’s boards, then the chosen board’s sections', async ({
    client,
    assert,
  }) => {
    const boards = await client.get(url(accounts.pinterest, 'board')).loginAs(owner).accept('json')
    boards.assertStatus(200)
    assert.deepEqual(boards.body(), {
      choices: [
        { value: BOARDS[0].id, label: 'Recipes' },
        { value: BOARDS[1].id, label: 'Behind the scenes (secret)' },
      ],
    })
    const sections = await client
      .get(url(accounts.pinterest, 'boardSection', `?board=${BOARDS[0].id}`))
      .loginAs(owner)
      .accept('json')
    sections.assertStatus(200)
    assert.deepEqual(sections.body(), {
      choices: SECTIONS[BOARDS[0].id].map((section) => ({
        value: section.id,
        label: section.name,
      })),
    })
    const none = await client
      .get(url(accounts.pinterest, 'boardSection'))
      .loginAs(owner)
      .accept('json')
    assert.deepEqual(none.body(), { choices: [] })
    // The token is used, never shown.
    const token = openToken(accounts.pinterest)!
    assert.notInclude(boards.text() + sections.text(), token.accessToken)
  })

  test('TikTok: only the privacy levels creator_info offers, in TikTok’s words', async ({
    client,
    assert,
  }) => {
    fakes.tiktok.privacyLevelOptions = ['FOLLOWER_OF_CREATOR', 'SELF_ONLY']
    const response = await client
      .get(url(accounts.tiktok, 'privacyLevel'))
      .loginAs(owner)
      .accept('json')
    response.assertStatus(200)
    assert.deepEqual(response.body(), {
      choices: [
        { value: 'FOLLOWER_OF_CREATOR', label: 'Followers' },
        { value: 'SELF_ONLY', label: 'Only me' },
      ],
    })
  })

  test('Reddit: the flairs of the chosen subreddit', async ({ client, assert }) => {
    const flairs = await client
      .get(url(accounts.reddit, 'flairId', '?subreddit=flairme&title=ignored'))
      .loginAs(owner)
      .accept('json')
    flairs.assertStatus(200)
    assert.deepEqual(flairs.body(), {
      choices: [
        { value: 'f1a1r-0c', label: 'OC' },
        { value: 'f1a1r-q', label: 'Question' },
      ],
    })
    const none = await client
      .get(url(accounts.reddit, 'flairId', '?subreddit=pistache'))
      .loginAs(owner)
      .accept('json')
    assert.deepEqual(none.body(), { choices: [] })
  })

  test('choices are cached per account, field and the values they depend on', async ({
    client,
    assert,
  }) => {
    const boardsRequests = () => fakes.pinterest.server.requestsTo('GET', '/v5/boards').length
    await client.get(url(accounts.pinterest, 'board')).loginAs(owner).accept('json')
    const second = await client
      .get(url(accounts.pinterest, 'board', '?title=typing'))
      .loginAs(owner)
      .accept('json')
    second.assertStatus(200)
    assert.lengthOf(second.body().choices, 2)
    assert.equal(boardsRequests(), 1, 'the second call is answered from the cache')

    const sections = () =>
      fakes.pinterest.server.requests.filter((request) => request.path.endsWith('/sections')).length
    await client
      .get(url(accounts.pinterest, 'boardSection', `?board=${BOARDS[0].id}`))
      .loginAs(owner)
      .accept('json')
    await client
      .get(url(accounts.pinterest, 'boardSection', `?board=${BOARDS[0].id}`))
      .loginAs(owner)
      .accept('json')
    await client
      .get(url(accounts.pinterest, 'boardSection', `?board=${BOARDS[1].id}`))
      .loginAs(owner)
      .accept('json')
    assert.equal(sections(), 2, 'another board is another cache entry')
  })

  test('an expired token is refreshed through the pipeline’s session, and the new one stored', async ({
    client,
    assert,
  }) => {
    const before = openToken(accounts.pinterest)!
    fakes.pinterest.expireAccessToken(before.accessToken)
    const response = await client
      .get(url(accounts.pinterest, 'board'))
      .loginAs(owner)
      .accept('json')
    response.assertStatus(200)
    assert.lengthOf(response.body().choices, 2)
    await accounts.pinterest.refresh()
    assert.notEqual(openToken(accounts.pinterest)!.accessToken, before.accessToken)
  })

  test('the network down is a 502 network_unavailable, not a 500', async ({ client }) => {
    await fakes.tiktok.close()
    const response = await client
      .get(url(accounts.tiktok, 'privacyLevel'))
      .loginAs(owner)
      .accept('json')
    response.assertStatus(502)
    response.assertBody({ error: 'network_unavailable' })
  })

  test('a field that is not account-sourced, or unknown, is a 404; bad input a 4xx', async ({
    client,
  }) => {
    ;(
      await client.get(url(accounts.pinterest, 'title')).loginAs(owner).accept('json')
    ).assertStatus(404)
    ;(await client.get(url(accounts.pinterest, 'nope')).loginAs(owner).accept('json')).assertStatus(
      404
    )
    ;(await client.get(url(accounts.tiktok, 'board')).loginAs(owner).accept('json')).assertStatus(
      404
    )
    ;(
      await client.get(url(accounts.pinterest, 'bad%20field!')).loginAs(owner).accept('json')
    ).assertStatus(422)
    ;(
      await client
        .get(url(accounts.reddit, 'flairId', '?subreddit=a&subreddit=b'))
        .loginAs(owner)
        .accept('json')
    ).assertStatus(422)
    ;(
      await client
        .get(`/w/${workspace.slug}/channels/999999/options/board/choices`)
        .loginAs(owner)
        .accept('json')
    ).assertStatus(404)
  })

  test('another workspace’s channel is a 404; a viewer of this one may read', async ({
    client,
    assert,
  }) => {
    const stranger = await makeUser()
    const theirs = await makeWorkspace(stranger)
    ;(
      await client
        .get(`/w/${theirs.slug}/channels/${accounts.pinterest.id}/options/board/choices`)
        .loginAs(stranger)
        .accept('json')
    ).assertStatus(404)
    ;(
      await client.get(url(accounts.pinterest, 'board')).loginAs(stranger).accept('json')
    ).assertStatus(404)
    assert.lengthOf(fakes.pinterest.server.requestsTo('GET', '/v5/boards'), 0)

    const { user: viewer } = await addMember(workspace, 'viewer')
    ;(
      await client.get(url(accounts.pinterest, 'board')).loginAs(viewer).accept('json')
    ).assertStatus(200)
  })
})
