import { test } from '@japa/runner'
import { Client } from '@modelcontextprotocol/sdk/client/index.js'
import { StreamableHTTPClientTransport } from '@modelcontextprotocol/sdk/client/streamableHttp.js'
import { DateTime } from 'luxon'
import env from '#start/env'
import AuditLog from '#models/audit_log'
import Post from '#models/post'
import { withCleanState } from '#tests/helpers/database'
import { publishRequests, settled, withWorld } from '#tests/functional/publishing/_fixtures'
import { makeToken, startWorker } from '#tests/functional/api/_fixtures'

const MCP_URL = () => new URL(`http://${env.get('HOST')}:${env.get('PORT')}/mcp`)

/** The official SDK's client, connected to /mcp with a bearer API token. */
async function connect(secret: string) {
  const client = new Client({ name: 'pistache-test-assistant', version: '1.0.0' })
  const transport = new StreamableHTTPClientTransport(MCP_URL(), {
    requestInit: { headers: { Authorization: `Bearer ${secret}` } },
  })
  await client.connect(transport)
  return client
}

/** A tool's JSON answer (the server puts it in the first text block and in structuredContent). */
const answer = (result: any) => JSON.parse(result.content[0].text)

test.group('MCP server', (group) => {
  withCleanState(group)
  const world = withWorld(group)

  test('the official client lists the tools, drafts, schedules, and the pipeline publishes to the fake', async ({
    assert,
    cleanup,
  }) => {
    const runner = await startWorker(['publish'])
    cleanup(async () => {
      await runner.stop()
    })
    const { secret, token } = await makeToken(world.workspace, world.owner, 'write')
    const client = await connect(secret)
    cleanup(() => client.close())

    const { tools } = await client.listTools()
    assert.sameMembers(
      tools.map((tool) => tool.name),
      [
        'list_accounts',
        'list_posts',
        'create_draft',
        'schedule_post',
        'list_free_slots',
        'get_analytics',
        'upload_media_from_url',
      ]
    )
    const { resources } = await client.listResources()
    assert.deepEqual(
      resources.map((r) => r.uri),
      ['pistache://workspace/networks']
    )
    const networks = JSON.parse(
      ((await client.readResource({ uri: 'pistache://workspace/networks' })).contents[0] as any)
        .text
    )
    const mastodon = networks.find((n: any) => n.id === 'mastodon')
    assert.equal(mastodon.capabilities.text.limit, 500)
    assert.deepEqual(mastodon.accounts, [
      { id: world.accounts.mastodon.id, handle: world.accounts.mastodon.handle },
    ])

    const accounts = answer(await client.callTool({ name: 'list_accounts', arguments: {} })).data
      .accounts
    assert.includeMembers(
      accounts.map((a: any) => a.network),
      ['mastodon', 'bluesky', 'x']
    )

    // A post too long for Bluesky: the tool answers the network's problem, nothing is scheduled.
    const tooLong = await client.callTool({
      name: 'schedule_post',
      arguments: {
        body: 'Pistachio '.repeat(40),
        targets: [{ accountId: world.accounts.bluesky.id }],
        at: DateTime.utc().plus({ minutes: 5 }).toISO(),
      },
    })
    assert.isTrue(tooLong.isError)
    const refused = answer(tooLong).error
    assert.equal(refused.code, 'invalid_post')
    assert.equal(refused.details.checks[0].network, 'bluesky')
    assert.isAbove(refused.details.checks[0].issues.length, 0)
    const kept = await Post.findOrFail(refused.details.savedAsDraft)
    assert.equal(kept.status, 'draft')

    // A draft, then scheduled two seconds ahead: the worker publishes it to the Mastodon fake.
    const drafted = answer(
      await client.callTool({
        name: 'create_draft',
        arguments: {
          body: 'Pistachio croissants, fresh at 8, written by an assistant 🥐',
          targets: [{ accountId: world.accounts.mastodon.id }],
        },
      })
    ).data
    assert.equal(drafted.post.status, 'draft')
    assert.deepEqual(drafted.checks[0].issues, [])
    const scheduled = answer(
      await client.callTool({
        name: 'schedule_post',
        arguments: { postId: drafted.post.id, at: DateTime.utc().plus({ seconds: 2 }).toISO() },
      })
    ).data
    assert.equal(scheduled.post.status, 'scheduled')
    const [delivery] = await settled(drafted.post.id, ['published', 'failed', 'unknown'], 30_000)
    assert.equal(delivery.status, 'published')
    const sent = publishRequests(world.mastodon)
    assert.lengthOf(sent, 1)

    const found = answer(
      await client.callTool({ name: 'list_posts', arguments: { search: 'WRITTEN BY AN' } })
    ).data.posts
    assert.deepEqual(
      found.map((p: any) => p.id),
      [drafted.post.id]
    )

    // Every call left an audit entry naming the tool, the token and the outcome.
    const entries = await AuditLog.query().where('action', 'mcp.tool_called').orderBy('id')
    assert.deepEqual(
      entries.map((e) => [e.meta?.tool, e.meta?.outcome]),
      [
        ['list_accounts', 'ok'],
        ['schedule_post', 'invalid_post'],
        ['create_draft', 'ok'],
        ['schedule_post', 'ok'],
        ['list_posts', 'ok'],
      ]
    )
    assert.isTrue(entries.every((e) => e.subjectId === String(token.id)))
    assert.isTrue(entries.every((e) => e.workspaceId === world.workspace.id))
  }).timeout(60_000)

  test('a read-only token reads but may not write; a bad token is refused before MCP', async ({
    assert,
    cleanup,
  }) => {
    const { secret } = await makeToken(world.workspace, world.owner, 'read')
    const client = await connect(secret)
    cleanup(() => client.close())
    const listed = await client.callTool({ name: 'list_accounts', arguments: {} })
    assert.isUndefined(listed.isError)

    const refused = await client.callTool({
      name: 'create_draft',
      arguments: { body: 'Hello', targets: [{ accountId: world.accounts.mastodon.id }] },
    })
    assert.isTrue(refused.isError)
    assert.equal(answer(refused).error.code, 'insufficient_scope')
    assert.equal(
      await Post.query()
        .count('* as n')
        .first()
        .then((r) => Number(r!.$extras.n)),
      0
    )
    const entry = await AuditLog.query()
      .where('action', 'mcp.tool_called')
      .orderBy('id', 'desc')
      .firstOrFail()
    assert.deepEqual(entry.meta, { tool: 'create_draft', outcome: 'insufficient_scope' })

    await assert.rejects(() => connect('pp_not-a-real-token'))
    const raw = await fetch(MCP_URL(), {
      method: 'POST',
      headers: {
        'content-type': 'application/json',
        'accept': 'application/json, text/event-stream',
      },
      body: JSON.stringify({ jsonrpc: '2.0', id: 1, method: 'tools/list' }),
    })
    assert.equal(raw.status, 401)
    assert.match(raw.headers.get('www-authenticate') ?? '', /^Bearer/)
    assert.isNull(raw.headers.get('set-cookie'))
  })

  test('tools only see the token’s workspace', async ({ assert, cleanup }) => {
    const { makeUser, makeWorkspace } = await import('#tests/functional/workspaces/_helpers')
    const stranger = await makeUser()
    const other = await makeWorkspace(stranger)
    const { secret } = await makeToken(other, stranger, 'write')
    const client = await connect(secret)
    cleanup(() => client.close())
    const drafted = await client.callTool({
      name: 'create_draft',
      arguments: { body: 'Hello', targets: [{ accountId: world.accounts.mastodon.id }] },
    })
    assert.isTrue(drafted.isError)
    assert.equal(answer(drafted).error.code, 'validation_failed')
    const accounts = answer(await client.callTool({ name: 'list_accounts', arguments: {} })).data
      .accounts
    assert.deepEqual(accounts, [])
  })
})
