import { test } from '@japa/runner'
import ace from '@adonisjs/core/services/ace'
import hash from '@adonisjs/core/services/hash'
import User from '#models/user'
import AuditLog from '#models/audit_log'
import AccountConfirmation from '#models/account_confirmation'
import { withCleanState } from '#tests/helpers/database'
import { clearOutbox, readOutbox, waitForMail } from '#tests/helpers/outbox'
import { useSignupMode } from '#tests/helpers/signup_mode'
import { createWorkspace } from '#actions/workspaces/create_workspace'
import { inviteMember } from '#actions/workspaces/invite_member'
import { revokeInvitation } from '#actions/workspaces/revoke_invitation'

const valid = {
  fullName: 'Ada Lovelace',
  email: '  Ada@Example.COM ',
  password: 'analytical-engine',
  password_confirmation: 'analytical-engine',
  timezone: 'Europe/Paris',
}

function signUp(client: any, body: Record<string, unknown> = valid) {
  return client.post('/signup').withCsrfToken().withInertia().json(body).redirects(0)
}

function confirm(client: any, token: string, password = valid.password) {
  return client
    .post('/signup/confirm')
    .withCsrfToken()
    .withInertia()
    .json({ token, password })
    .redirects(0)
}

/** The token of the confirmation link mailed to this address. */
async function mailedConfirmation(address: string) {
  const mail = await waitForMail(address)
  const token = mail.text.match(/\/signup\/confirm\/([A-Za-z0-9_-]+)/)?.[1]
  if (!token) throw new Error(`no confirmation link in the mail:\n${mail.text}`)
  return { mail, token }
}

async function makeOwner() {
  const owner = await User.create({
    fullName: 'Grace Hopper',
    email: 'grace@example.com',
    password: 'correct horse battery',
    locale: 'en',
    timezone: 'UTC',
  })
  const workspace = await createWorkspace({ user: owner, name: 'Acme Bakery', timezone: 'UTC' })
  return { owner, workspace }
}

const CHECK_MAILBOX = (email: string) =>
  `Check your mailbox: a message to ${email} tells you how to finish. Nothing happens until you open it.`

test.group('Accounts / sign up', (group) => {
  withCleanState(group)
  group.each.setup(() => clearOutbox())

  test('the sign-up page renders for guests', async ({ client }) => {
    const response = await client.get('/signup').withInertia()
    response.assertStatus(200)
    response.assertInertiaComponent('auth/signup')
    response.assertInertiaPropsContains({ signupMode: 'open' })
  })

  test('signing up mails a link; the account exists once it is opened with the password', async ({
    client,
    assert,
  }) => {
    const response = await signUp(client)
    response.assertStatus(302)
    response.assertHeader('location', '/login')
    assert.equal(response.flashMessage('success'), CHECK_MAILBOX('ada@example.com'))
    assert.isUndefined(response.session('auth_web'))
    assert.lengthOf(await User.all(), 0)

    const { mail, token } = await mailedConfirmation('ada@example.com')
    assert.equal(mail.subject, 'Confirm your Pistache Postiz account')
    const stored = await AccountConfirmation.findByOrFail('email', 'ada@example.com')
    assert.notEqual(stored.tokenHash, token)
    assert.notInclude(JSON.stringify(stored.$attributes), valid.password)

    const page = await client.get(`/signup/confirm/${token}`).withInertia()
    page.assertInertiaComponent('auth/confirm_signup')
    page.assertInertiaPropsContains({ email: 'ada@example.com' })

    // The link alone is not enough: whoever opens it types the password chosen at sign-up.
    const wrong = await confirm(client, token, 'someone else password')
    assert.deepEqual(wrong.flashMessage('inputErrorsBag.password'), [
      'This is not the password chosen at sign-up.',
    ])
    assert.lengthOf(await User.all(), 0)

    const confirmed = await confirm(client, token)
    confirmed.assertStatus(302)
    confirmed.assertHeader('location', '/')
    const user = await User.findByOrFail('email', 'ada@example.com')
    assert.equal(user.fullName, 'Ada Lovelace')
    assert.equal(user.timezone, 'Europe/Paris')
    assert.equal(user.locale, 'en')
    assert.isTrue(await hash.verify(user.password, valid.password))
    assert.equal(confirmed.session('auth_web'), user.id)
    const audit = await AuditLog.findByOrFail('action', 'auth.signup')
    assert.equal(audit.actorId, user.id)

    // Once only.
    const again = await confirm(client, token)
    assert.equal(
      again.flashMessage('error'),
      'This confirmation link is invalid, already used or expired. Sign up again, or sign in if your account exists.'
    )
    assert.lengthOf(await User.all(), 1)
  })

  test('an address that has an account gets the same answer; its owner gets a notice', async ({
    client,
    assert,
  }) => {
    const fresh = await signUp(client, { ...valid, email: 'newcomer@example.com' })
    await User.create({
      fullName: 'First',
      email: 'ada@example.com',
      password: 'first-password',
      locale: 'fr',
      timezone: 'UTC',
    })
    const taken = await signUp(client)

    for (const response of [fresh, taken]) {
      response.assertStatus(302)
      response.assertHeader('location', '/login')
      assert.isUndefined(response.session('auth_web'))
      assert.isUndefined(response.flashMessage('inputErrorsBag'))
    }
    assert.equal(fresh.flashMessage('success'), CHECK_MAILBOX('newcomer@example.com'))
    assert.equal(taken.flashMessage('success'), CHECK_MAILBOX('ada@example.com'))

    const notice = await waitForMail('ada@example.com')
    assert.equal(notice.subject, 'Quelqu’un a tenté de s’inscrire avec votre adresse')
    assert.notInclude(notice.text, '/signup/confirm/')
    assert.lengthOf(await User.query().where('email', 'ada@example.com'), 1)
    const owner = await User.findByOrFail('email', 'ada@example.com')
    assert.equal(owner.fullName, 'First')
    assert.isTrue(await hash.verify(owner.password, 'first-password'))
    assert.isNull(await AccountConfirmation.findBy('email', 'ada@example.com'))
  })

  test('a password under 10 characters or not confirmed is refused', async ({ client, assert }) => {
    const short = await signUp(client, {
      ...valid,
      password: 'short-pw1',
      password_confirmation: 'short-pw1',
    })
    assert.deepEqual(short.flashMessage('inputErrorsBag.password'), [
      'The password must be at least 10 characters.',
    ])

    const mismatch = await signUp(client, { ...valid, password_confirmation: 'something-else' })
    assert.deepEqual(mismatch.flashMessage('inputErrorsBag.password_confirmation'), [
      'The confirmation does not match the password.',
    ])

    assert.lengthOf(await AccountConfirmation.all(), 0)
  })

  test('validation messages follow the language of the request', async ({ client, assert }) => {
    const response = await client
      .post('/signup')
      .header('accept-language', 'fr-FR,fr;q=0.9')
      .withCsrfToken()
      .withInertia()
      .json({ ...valid, email: 'not-an-email', timezone: 'Mars/Olympus_Mons' })
      .redirects(0)

    assert.deepEqual(response.flashMessage('inputErrorsBag.email'), [
      'Saisissez une adresse e-mail valide.',
    ])
    assert.deepEqual(response.flashMessage('inputErrorsBag.timezone'), [
      'Choisissez une des valeurs proposées.',
    ])
  })

  test('a new account takes the language the visitor was browsing in', async ({
    client,
    assert,
  }) => {
    await client
      .post('/signup')
      .withCookie('locale', 'fr')
      .withCsrfToken()
      .withInertia()
      .json(valid)
      .redirects(0)
    const { mail, token } = await mailedConfirmation('ada@example.com')
    assert.equal(mail.subject, 'Confirmez votre compte Pistache Postiz')
    await confirm(client, token)
    const user = await User.findByOrFail('email', 'ada@example.com')
    assert.equal(user.locale, 'fr')
  })

  test('the form refuses a submission without a CSRF token', async ({ client, assert }) => {
    const response = await client.post('/signup').withInertia().json(valid).redirects(0)
    // Shield answers a browser with a redirect back and a flashed error rather than a bare 403.
    response.assertStatus(302)
    assert.property(response.flashMessage('errorsBag'), 'E_BAD_CSRF_TOKEN')
    assert.lengthOf(await AccountConfirmation.all(), 0)
    assert.isUndefined(response.session('auth_web'))
  })

  test('one IP address may ask for 5 sign-ups an hour, one address for 3', async ({
    client,
    assert,
  }) => {
    for (let i = 1; i <= 3; i++) {
      const response = await signUp(client)
      assert.isUndefined(response.flashMessage('error'), `request ${i}`)
    }
    const sameAddress = await signUp(client)
    assert.match(sameAddress.flashMessage('error'), /^Too many requests. Try again in \d+ min.$/)

    await signUp(client, { ...valid, email: 'other@example.com' })
    const sixth = await signUp(client, { ...valid, email: 'third@example.com' })
    assert.match(sixth.flashMessage('error'), /^Too many requests. Try again in \d+ min.$/)
    assert.isNull(await AccountConfirmation.findBy('email', 'third@example.com'))
  })

  test('a link opened several times at once, and two links to one address: one account, the rest 4xx or redirects', async ({
    client,
    assert,
  }) => {
    await signUp(client)
    const first = (await mailedConfirmation('ada@example.com')).token
    await clearOutbox()
    await signUp(client)
    const second = (await mailedConfirmation('ada@example.com')).token
    const answers = await Promise.all(
      [first, first, first, second, second, second].map((token) => confirm(client, token))
    )
    assert.deepEqual(
      answers.map((answer) => answer.status()).filter((status) => status >= 500),
      []
    )
    assert.lengthOf(await User.query().where('email', 'ada@example.com'), 1)
  })
})

test.group('Accounts / sign-up modes', (group) => {
  withCleanState(group)
  group.each.setup(() => clearOutbox())

  test('closed: the pages say so, the form creates nothing; users:create still works', async ({
    client,
    assert,
    cleanup,
  }) => {
    useSignupMode('closed', cleanup)
    const login = await client.get('/login').withInertia()
    login.assertInertiaPropsContains({ signupMode: 'closed' })
    const page = await client.get('/signup').withInertia()
    page.assertInertiaPropsContains({ signupMode: 'closed' })

    const response = await signUp(client)
    response.assertHeader('location', '/login')
    assert.equal(
      response.flashMessage('error'),
      'Sign-up is closed on this server. Ask an administrator to create your account.'
    )
    assert.lengthOf(await AccountConfirmation.all(), 0)
    assert.lengthOf(await readOutbox(), 0)

    ace.ui.switchMode('raw')
    cleanup(() => ace.ui.switchMode('normal'))
    const command = await ace.exec('users:create', [
      '--email=ada@example.com',
      '--name=Ada Lovelace',
      `--password=${valid.password}`,
    ])
    command.assertSucceeded()
    await User.findByOrFail('email', 'ada@example.com')
  })

  test('closed also refuses a link mailed while sign-up was open', async ({
    client,
    assert,
    cleanup,
  }) => {
    await signUp(client)
    const { token } = await mailedConfirmation('ada@example.com')
    useSignupMode('closed', cleanup)
    const response = await confirm(client, token)
    assert.equal(
      response.flashMessage('error'),
      'New accounts can no longer be created for this address. Ask an administrator.'
    )
    assert.lengthOf(await User.query().where('email', 'ada@example.com'), 0)
  })

  test('invite: an address without an invitation gets the same answer and no link', async ({
    client,
    assert,
    cleanup,
  }) => {
    useSignupMode('invite', cleanup)
    const page = await client.get('/login').withInertia()
    page.assertInertiaPropsContains({ signupMode: 'invite' })

    const response = await signUp(client)
    response.assertHeader('location', '/login')
    assert.equal(response.flashMessage('success'), CHECK_MAILBOX('ada@example.com'))
    const mail = await waitForMail('ada@example.com')
    assert.equal(mail.subject, 'Your Pistache Postiz sign-up')
    assert.include(mail.text, 'by invitation only')
    assert.notInclude(mail.text, '/signup/confirm/')
    assert.lengthOf(await AccountConfirmation.all(), 0)
  })

  test('invite: an invited address signs up; a revoked invitation stops its link', async ({
    client,
    assert,
    cleanup,
  }) => {
    useSignupMode('invite', cleanup)
    const { owner, workspace } = await makeOwner()
    await inviteMember({ workspace, inviter: owner, email: 'ada@example.com', role: 'editor' })
    await clearOutbox()

    await signUp(client)
    const { token } = await mailedConfirmation('ada@example.com')
    const confirmed = await confirm(client, token)
    assert.isDefined(confirmed.session('auth_web'))
    await User.findByOrFail('email', 'ada@example.com')

    const bob = await inviteMember({
      workspace,
      inviter: owner,
      email: 'bob@example.com',
      role: 'editor',
    })
    await clearOutbox()
    await signUp(client, { ...valid, email: 'bob@example.com' })
    const { token: bobToken } = await mailedConfirmation('bob@example.com')
    if (bob.status !== 'invited') throw new Error('bob was not invited')
    await revokeInvitation(bob.invitation)
    const refused = await confirm(client, bobToken)
    assert.equal(
      refused.flashMessage('error'),
      'New accounts can no longer be created for this address. Ask an administrator.'
    )
    assert.isNull(await User.findBy('email', 'bob@example.com'))
  })

  test('from the invitation link with the invited address, the account is made at once', async ({
    client,
    assert,
    cleanup,
  }) => {
    useSignupMode('invite', cleanup)
    const { owner, workspace } = await makeOwner()
    await inviteMember({ workspace, inviter: owner, email: 'ada@example.com', role: 'editor' })
    const invitation = await waitForMail('ada@example.com')
    const next = new URL(invitation.text.match(/https?:\/\/\S+\/invitations\/\S+/)![0]).pathname

    const response = await signUp(client, { ...valid, next })
    response.assertHeader('location', next)
    const user = await User.findByOrFail('email', 'ada@example.com')
    assert.equal(response.session('auth_web'), user.id)
  })
})
