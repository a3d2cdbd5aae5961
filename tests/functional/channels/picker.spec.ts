import { test } from '@japa/runner'
import app from '@adonisjs/core/services/app'
import ace from '@adonisjs/core/services/ace'
import SocialAccount from '#models/social_account'
import AuditLog from '#models/audit_log'
import type User from '#models/user'
import type Workspace from '#models/workspace'
import type { PluginsConfig } from '#config/plugins'
import { openToken } from '#services/token_vault'
import { withCleanState } from '#tests/helpers/database'
import { addMember, makeUser, makeWorkspace } from '#tests/functional/workspaces/_helpers'
import {
  connectViaOAuth,
  pickAccounts,
  type SessionValues,
} from '#tests/functional/channels/_oauth'
import { aceOutput } from '#tests/functional/privacy/_helpers'
import { FakeFacebook } from '#plugins/facebook/fake/server'
import { FakeLinkedIn, MEMBER, ORGANIZATIONS } from '#plugins/linkedin/fake/server'

const BAKERY = '104000000000001'
const AGENCY = '104000000000002'

interface PickProps {
  network: { id: string; displayName: string; icon: string; brandColor: string }
  candidates: {
    externalId: string
    displayName: string
    handle: string
    avatarUrl: string | null
    profileUrl: string | null
    alreadyConnected: boolean
  }[]
  expiresAt: string
}

test.group('Channels: the account picker after OAuth', (group) => {
  withCleanState(group)

  let facebook: FakeFacebook
  let linkedin: FakeLinkedIn
  let owner: User
  let workspace: Workspace

  group.each.setup(async () => {
    ;[facebook, linkedin] = await Promise.all([FakeFacebook.start(), FakeLinkedIn.start()])
    const settings = app.config.get<PluginsConfig>('plugins').settings
    const previous = { facebook: settings.facebook, linkedin: settings.linkedin }
    settings.facebook = facebook.settings
    settings.linkedin = linkedin.settings
    owner = await makeUser()
    workspace = await makeWorkspace(owner)
    return async () => {
      Object.assign(settings, previous)
      await Promise.all([facebook.close(), linkedin.close()])
    }
  })

  const revocations = () => facebook.server.requestsTo('DELETE', /\/permissions$/).length
  /** Logs in to Facebook (two Pages) and returns the session holding the pending pick. */
  async function loginToFacebook(client: any, user = owner, target = workspace) {
    const { finish } = await connectViaOAuth(client, user, target, 'facebook')
    return { finish, session: finish.session() as SessionValues }
  }

  /** Connects these Pages through the picker and returns them, tokens readable. */
  async function connectPages(client: any, ids: string[]) {
    const { session } = await loginToFacebook(client)
    const response = await pickAccounts(client, owner, workspace, ids, session)
    assert302(response, `/w/${workspace.slug}/channels`)
    return SocialAccount.query()
      .where('network', 'facebook')
      .whereIn('external_id', ids)
      .orderBy('external_id')
  }

  function assert302(response: any, location: string) {
    if (response.status() !== 302 || response.header('location') !== location) {
      throw new Error(
        `expected 302 to ${location}, got ${response.status()} ${response.header('location')}: ${response.text()}`
      )
    }
  }

  test('a Facebook login with two Pages leads to the picker, saves nothing and shows no token', async ({
    client,
    assert,
  }) => {
    const { finish, session } = await loginToFacebook(client)
    assert.equal(finish.status(), 302)
    assert.equal(finish.header('location'), `/w/${workspace.slug}/channels/pick`)
    assert.lengthOf(await SocialAccount.all(), 0)

    const page = await client
      .get(`/w/${workspace.slug}/channels/pick`)
      .loginAs(owner)
      .withSession(session)
      .withInertia()
    page.assertStatus(200)
    page.assertInertiaComponent('channels/pick')
    const props = page.inertiaProps as PickProps
    assert.equal(props.network.id, 'facebook')
    assert.deepEqual(
      props.candidates.map((c) => [c.externalId, c.displayName, c.alreadyConnected]),
      [
        [BAKERY, 'Pistache Bakery', false],
        [AGENCY, 'Pistache Agency', false],
      ]
    )
    assert.sameMembers(Object.keys(props.candidates[0]), [
      'externalId',
      'displayName',
      'handle',
      'avatarUrl',
      'profileUrl',
      'alreadyConnected',
    ])
    assert.isAbove(Date.parse(props.expiresAt), Date.now() + 9 * 60_000)

    assert302(
      await pickAccounts(client, owner, workspace, [BAKERY], session),
      `/w/${workspace.slug}/channels`
    )
    const token = openToken(await SocialAccount.findByOrFail('external_id', BAKERY))!
    const secrets = [token.accessToken, token.extra!.userToken]
    for (const secret of secrets) {
      assert.notInclude(page.text(), secret, 'the pick page carries no token')
      assert.notInclude(
        JSON.stringify(session),
        secret,
        'the session store holds no token in clear'
      )
    }
  })

  test('choosing one Page saves only it, audited, with a token that works at the network', async ({
    client,
    assert,
  }) => {
    const { session } = await loginToFacebook(client)
    const response = await pickAccounts(client, owner, workspace, [AGENCY], session)
    assert.equal(response.status(), 302)
    assert.equal(response.header('location'), `/w/${workspace.slug}/channels`)
    assert.match(response.flashMessages().success, /Pistache Agency/)

    const accounts = await SocialAccount.all()
    assert.deepEqual(
      accounts.map((a) => [a.externalId, a.status]),
      [[AGENCY, 'connected']]
    )
    assert.equal(accounts[0].grantKey, `meta:${accounts[0].meta!.userId}`)
    assert.isTrue(facebook.isTokenValid(openToken(accounts[0])!.accessToken))
    const audits = await AuditLog.query().where('action', 'channel.connected')
    assert.deepEqual(
      audits.map((a) => a.subjectId),
      [String(accounts[0].id)]
    )

    // Single use: the session after the choice holds no pick any more.
    const again = await pickAccounts(client, owner, workspace, [BAKERY], response.session())
    assert.equal(again.header('location'), `/w/${workspace.slug}/channels`)
    assert.isDefined(again.flashMessages().error)
    assert.lengthOf(await SocialAccount.all(), 1)
    const page = await client
      .get(`/w/${workspace.slug}/channels/pick`)
      .loginAs(owner)
      .withSession(response.session())
      .redirects(0)
    assert.equal(page.header('location'), `/w/${workspace.slug}/channels`)
  })

  test('an account that is not a candidate, or no account at all, is a 422 and saves nothing', async ({
    client,
    assert,
  }) => {
    const { session } = await loginToFacebook(client)
    for (const accounts of [['999999'], [BAKERY, '999999'], [], ['']]) {
      const response = await pickAccounts(client, owner, workspace, accounts, session)
      assert.equal(response.status(), 422, JSON.stringify(accounts))
    }
    const malformed = await client
      .post(`/w/${workspace.slug}/channels/pick`)
      .loginAs(owner)
      .withCsrfToken()
      .withSession(session)
      .json({ accounts: 'all' })
      .redirects(0)
    assert.equal(malformed.status(), 422)
    assert.lengthOf(await SocialAccount.all(), 0)
    // A refused submission does not use up the pick.
    assert302(
      await pickAccounts(client, owner, workspace, [BAKERY], session),
      `/w/${workspace.slug}/channels`
    )
  })

  test('a pick is bound to its workspace and user: elsewhere it shows and saves nothing', async ({
    client,
    assert,
  }) => {
    const other = await makeWorkspace(owner, 'Second Client')
    const { user: admin } = await addMember(workspace, 'admin')
    const { session } = await loginToFacebook(client)

    const foreignPage = await client
      .get(`/w/${other.slug}/channels/pick`)
      .loginAs(owner)
      .withSession(session)
      .withInertia()
      .redirects(0)
    assert.notEqual(foreignPage.status(), 200)
    assert.notInclude(foreignPage.text(), 'Pistache Bakery')
    const foreignPost = await pickAccounts(client, owner, other, [BAKERY], session)
    assert.equal(foreignPost.header('location'), `/w/${other.slug}/channels`)
    const otherUser = await pickAccounts(client, admin, workspace, [BAKERY], session)
    assert.equal(otherUser.header('location'), `/w/${workspace.slug}/channels`)
    assert.lengthOf(await SocialAccount.all(), 0)

    // Still there for the workspace and user it was started for.
    assert302(
      await pickAccounts(client, owner, workspace, [BAKERY], session),
      `/w/${workspace.slug}/channels`
    )
    assert.lengthOf(await SocialAccount.all(), 1)
  })

  test('editors cannot see or use the picker', async ({ client, assert }) => {
    const { user: editor } = await addMember(workspace, 'editor')
    const { session } = await loginToFacebook(client)
    const page = await client
      .get(`/w/${workspace.slug}/channels/pick`)
      .loginAs(editor)
      .withSession(session)
      .withInertia()
    assert.equal(page.status(), 403)
    // A plain form post is sent back with the refusal flashed, an Inertia one gets the 403 page.
    const post = await pickAccounts(client, editor, workspace, [BAKERY], session)
    assert.oneOf(post.status(), [302, 403])
    assert.notEqual(post.header('location'), `/w/${workspace.slug}/channels`)
    assert.lengthOf(await SocialAccount.all(), 0)
  })

  test('an expired pick connects nothing and its unused login is revoked', async ({
    client,
    assert,
  }) => {
    const { session } = await loginToFacebook(client)
    // Ten minutes later, as the session store would hold it.
    const pick = session.channels.pendingPick
    assert.isString(pick.sealed)
    const expired = {
      ...session,
      channels: { ...session.channels, pendingPick: { ...pick, expiresAt: Date.now() - 1 } },
    }
    const response = await pickAccounts(client, owner, workspace, [BAKERY], expired)
    assert.equal(response.header('location'), `/w/${workspace.slug}/channels`)
    assert.match(response.flashMessages().error, /expired/)
    assert.lengthOf(await SocialAccount.all(), 0)
    assert.equal(revocations(), 1)
  })

  test('cancelling revokes the login when nothing uses it, and keeps it when a Page of it is connected', async ({
    client,
    assert,
  }) => {
    const first = await loginToFacebook(client)
    const cancel = await client
      .delete(`/w/${workspace.slug}/channels/pick`)
      .loginAs(owner)
      .withCsrfToken()
      .withSession(first.session)
      .redirects(0)
    assert.equal(cancel.header('location'), `/w/${workspace.slug}/channels`)
    assert.lengthOf(await SocialAccount.all(), 0)
    assert.equal(revocations(), 1)
    const gone = await pickAccounts(client, owner, workspace, [BAKERY], cancel.session())
    assert.isDefined(gone.flashMessages().error)

    const [bakery] = await connectPages(client, [BAKERY])
    const second = await loginToFacebook(client)
    const page = await client
      .get(`/w/${workspace.slug}/channels/pick`)
      .loginAs(owner)
      .withSession(second.session)
      .withInertia()
    assert.deepEqual(
      (page.inertiaProps as PickProps).candidates.map((c) => c.alreadyConnected),
      [true, false]
    )
    await client
      .delete(`/w/${workspace.slug}/channels/pick`)
      .loginAs(owner)
      .withCsrfToken()
      .withSession(second.session)
      .redirects(0)
    assert.equal(revocations(), 1, 'the Bakery Page still uses this Meta login')
    await bakery.refresh()
    assert.isTrue(facebook.isTokenValid(openToken(bakery)!.accessToken))
  })

  test('disconnecting one of two Pages keeps its sibling working; disconnecting the last one revokes', async ({
    client,
    assert,
  }) => {
    const [bakery, agency] = await connectPages(client, [BAKERY, AGENCY])
    const agencyToken = openToken(agency)!.accessToken

    const first = await client
      .delete(`/w/${workspace.slug}/channels/${bakery.id}`)
      .loginAs(owner)
      .withCsrfToken()
      .redirects(0)
    assert.equal(first.status(), 302)
    assert.equal(revocations(), 0)
    assert.isTrue(facebook.isTokenValid(agencyToken))
    await bakery.refresh()
    assert.isNull(bakery.tokenCiphertext)
    const kept = await AuditLog.query().where('action', 'channel.disconnected').firstOrFail()
    assert.equal(kept.meta?.revocation, 'shared_grant_kept')

    await client
      .delete(`/w/${workspace.slug}/channels/${agency.id}`)
      .loginAs(owner)
      .withCsrfToken()
      .redirects(0)
    assert.equal(revocations(), 1)
    assert.isFalse(facebook.isTokenValid(agencyToken))
    const audits = await AuditLog.query().where('action', 'channel.disconnected').orderBy('id')
    assert.deepEqual(
      audits.map((a) => a.meta?.revocation),
      ['shared_grant_kept', 'revoked']
    )
  })

  test('tokens:revoke on one of two Pages keeps the login for its sibling; on both, the last one revokes it', async ({
    client,
    assert,
  }) => {
    const [bakery, agency] = await connectPages(client, [BAKERY, AGENCY])
    const agencyToken = openToken(agency)!.accessToken

    ace.ui.switchMode('raw')
    ace.ui.logger.flushLogs()
    try {
      ;(await ace.exec('tokens:revoke', [`--account=${bakery.id}`])).assertSucceeded()
      assert.equal(revocations(), 0)
      assert.isTrue(facebook.isTokenValid(agencyToken))
      await bakery.refresh()
      assert.isNull(bakery.tokenCiphertext)
      assert.equal(bakery.status, 'needs_reconnection')
      assert.match(aceOutput(), /1 kept at the network for other accounts of the same login/)

      // Reconnected, then both revoked in one run: the grant goes with the last of them.
      await connectPages(client, [BAKERY, AGENCY])
      ;(await ace.exec('tokens:revoke', [`--workspace=${workspace.slug}`])).assertSucceeded()
      assert.equal(revocations(), 1)
      assert.isFalse(facebook.isTokenValid(agencyToken))
    } finally {
      ace.ui.switchMode('normal')
    }
  })

  test('a picker login with a single account is saved directly', async ({ client, assert }) => {
    facebook.login.pages = facebook.login.pages.slice(0, 1)
    const { finish } = await loginToFacebook(client)
    assert.equal(finish.header('location'), `/w/${workspace.slug}/channels`)
    const accounts = await SocialAccount.all()
    assert.deepEqual(
      accounts.map((a) => a.externalId),
      [BAKERY]
    )
  })

  test('LinkedIn: post as the member or as an organisation they administer', async ({
    client,
    assert,
  }) => {
    const { finish } = await connectViaOAuth(client, owner, workspace, 'linkedin')
    assert.equal(finish.header('location'), `/w/${workspace.slug}/channels/pick`)
    const session = finish.session()
    const page = await client
      .get(`/w/${workspace.slug}/channels/pick`)
      .loginAs(owner)
      .withSession(session)
      .withInertia()
    const member = `urn:li:person:${MEMBER.sub}`
    const organizations = ORGANIZATIONS.map((org) => `urn:li:organization:${org.id}`)
    assert.deepEqual(
      (page.inertiaProps as PickProps).candidates.map((c) => c.externalId),
      [member, ...organizations]
    )

    assert302(
      await pickAccounts(client, owner, workspace, [organizations[1]], session),
      `/w/${workspace.slug}/channels`
    )
    const [account] = await SocialAccount.all()
    assert.equal(account.externalId, organizations[1])
    assert.equal(account.displayName, ORGANIZATIONS[1].localizedName)
    assert.equal(account.grantKey, `linkedin:${member}`)
    assert.isTrue(linkedin.isTokenValid(openToken(account)!.accessToken))
  })
})
