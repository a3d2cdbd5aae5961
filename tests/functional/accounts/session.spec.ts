import { test } from '@japa/runner'
import User from '#models/user'
import AuditLog from '#models/audit_log'
import { withCleanState } from '#tests/helpers/database'
import mail from '@adonisjs/mail/services/main'
import AccountMail from '#mails/account_mail'
import { clearOutbox, readOutbox, waitForMail } from '#tests/helpers/outbox'
import { attemptLogin } from '#actions/accounts/attempt_login'
import { loginWaitKey } from '#services/accounts/login_throttle'
import { loginDelayPerAccountIp } from '#start/limiter'

const PASSWORD = 'correct horse battery'
/** An address other than the test client's (documentation range, RFC 5737). */
const ELSEWHERE = '198.51.100.7'

function createUser(email = 'grace@example.com') {
  return User.create({
    fullName: 'Grace Hopper',
    email,
    password: PASSWORD,
    locale: 'en',
    timezone: 'UTC',
  })
}

test.group('Accounts / login and logout', (group) => {
  withCleanState(group)

  test('the login page renders for guests and sends signed-in users home', async ({ client }) => {
    const page = await client.get('/login').withInertia()
    page.assertStatus(200)
    page.assertInertiaComponent('auth/login')

    const user = await createUser()
    const signedIn = await client.get('/login').loginAs(user).redirects(0)
    signedIn.assertStatus(302)
    signedIn.assertHeader('location', '/')
  })

  test('valid credentials sign in, whatever the case of the e-mail, and go to /', async ({
    client,
    assert,
  }) => {
    const user = await createUser()
    const response = await client
      .post('/login')
      .withCsrfToken()
      .withInertia()
      .json({ email: 'Grace@Example.com', password: PASSWORD })
      .redirects(0)

    response.assertStatus(302)
    response.assertHeader('location', '/')
    assert.equal(response.session('auth_web'), user.id)
  })

  test('signing in gives the browser a new session id', async ({ client, assert }) => {
    await createUser()
    const login = (password: string) => {
      const request = client
        .post('/login')
        .withCsrfToken()
        .withInertia()
        .json({ email: 'grace@example.com', password })
        .redirects(0)
      return {
        request,
        sentId: (request as unknown as { sessionClient: { sessionId: string } }).sessionClient
          .sessionId,
      }
    }

    // A failed attempt keeps the session id: the check below can tell the difference.
    const failed = login('not the password')
    assert.equal((await failed.request).cookie('pistache-session')?.value, failed.sentId)

    const succeeded = login(PASSWORD)
    const response = await succeeded.request
    const newId = response.cookie('pistache-session')?.value
    assert.isString(newId)
    assert.notEqual(newId, succeeded.sentId)
    assert.equal(
      response.session('auth_web'),
      (await User.findByOrFail('email', 'grace@example.com')).id
    )
  })

  test('a wrong password and an unknown e-mail get the same answer', async ({ client, assert }) => {
    await createUser()
    const wrongPassword = await client
      .post('/login')
      .withCsrfToken()
      .withInertia()
      .json({ email: 'grace@example.com', password: 'not the password' })
      .redirects(0)
    const unknownEmail = await client
      .post('/login')
      .withCsrfToken()
      .withInertia()
      .json({ email: 'nobody@example.com', password: PASSWORD })
      .redirects(0)

    for (const response of [wrongPassword, unknownEmail]) {
      response.assertStatus(302)
      assert.deepEqual(response.flashMessage('inputErrorsBag.email'), [
        'This e-mail and password do not match an account.',
      ])
      assert.isUndefined(response.session('auth_web'))
    }
  })

  test('logging out ends the session', async ({ client, assert }) => {
    const user = await createUser()
    const response = await client
      .post('/logout')
      .loginAs(user)
      .withCsrfToken()
      .withInertia()
      .redirects(0)

    response.assertStatus(302)
    response.assertHeader('location', '/login')
    assert.isUndefined(response.session('auth_web'))
    assert.equal(response.flashMessage('success'), 'You have been signed out.')
  })

  test('a login without the CSRF token is refused', async ({ client, assert }) => {
    await createUser()
    const response = await client
      .post('/login')
      .withInertia()
      .json({ email: 'grace@example.com', password: PASSWORD })
      .redirects(0)
    response.assertStatus(302)
    assert.property(response.flashMessage('errorsBag'), 'E_BAD_CSRF_TOKEN')
    assert.isUndefined(response.session('auth_web'))
  })
})

test.group('Accounts / login throttling', (group) => {
  withCleanState(group)
  group.each.setup(() => clearOutbox())

  const attempt = (client: any, email: string, password: string) =>
    client.post('/login').withCsrfToken().withInertia().json({ email, password }).redirects(0)

  /** Another address than the test client's: the action, as the controller calls it. */
  const fromElsewhere = (email: string, password: string) =>
    attemptLogin({ email, password }, ELSEWHERE)

  test('the fifth failure from one address makes that address wait, not the owner elsewhere', async ({
    client,
    assert,
  }) => {
    const user = await createUser()
    for (let i = 1; i <= 4; i++) {
      const response = await attempt(client, user.email, `wrong password ${i}`)
      assert.deepEqual(response.flashMessage('inputErrorsBag.email'), [
        'This e-mail and password do not match an account.',
      ])
    }

    const fifth = await attempt(client, user.email, 'wrong password 5')
    assert.equal(fifth.flashMessage('error'), 'Too many attempts. Try again in 1 min.')

    // The guessing address waits, even with the right password...
    const rightPassword = await attempt(client, user.email, PASSWORD)
    assert.equal(rightPassword.flashMessage('error'), 'Too many attempts. Try again in 1 min.')
    assert.isUndefined(rightPassword.session('auth_web'))

    // ...while the owner, from another address, signs in: nobody can lock an account.
    const owner = await fromElsewhere(user.email, PASSWORD)
    assert.equal(owner.status, 'ok')

    const audits = await AuditLog.query().where('action', 'auth.login_throttled')
    assert.lengthOf(audits, 1)
    assert.equal(audits[0].subjectId, String(user.id))

    // Another account from the guessing address is not affected.
    const other = await createUser('other@example.com')
    const otherLogin = await attempt(client, other.email, PASSWORD)
    assert.equal(otherLogin.session('auth_web'), other.id)
  })

  test('each failure past the free ones doubles the wait, up to an hour', async ({
    client,
    assert,
  }) => {
    const user = await createUser()
    const waits: string[] = []
    for (let i = 1; i <= 12; i++) {
      const response = await attempt(client, user.email, `wrong password ${i}`)
      waits.push(response.flashMessage('error') ?? 'no wait')
      // The wait elapses (the guesser comes back once it is over).
      await loginDelayPerAccountIp.delete(loginWaitKey(user.email, '127.0.0.1'))
    }
    const minutes = (n: number) => `Too many attempts. Try again in ${n} min.`
    assert.deepEqual(waits, [
      ...Array(4).fill('no wait'),
      minutes(1),
      minutes(2),
      minutes(4),
      minutes(8),
      minutes(16),
      minutes(32),
      minutes(60),
      minutes(60),
    ])
  })

  test('after repeated failures the owner gets a mail saying so', async ({ client, assert }) => {
    const user = await createUser()
    await fromElsewhere(user.email, 'guess 1')
    for (let i = 2; i <= 5; i++) await attempt(client, user.email, `guess ${i}`)

    const notice = await waitForMail(user.email)
    assert.equal(notice.subject, 'Failed sign-in attempts on your Pistache Postiz account')
    assert.include(notice.text, '5 failed attempts')
    assert.include(notice.text, '127.0.0.1')
    assert.include(notice.text, '/forgot-password')
    assert.notInclude(notice.text, 'guess')
  })

  test('the owner is told once per hour, not once per attempt', async ({
    client,
    assert,
    cleanup,
  }) => {
    const fake = mail.fake()
    cleanup(() => mail.restore())
    const user = await createUser()
    for (let i = 1; i <= 3; i++) await fromElsewhere(user.email, `guess ${i}`)
    for (let i = 4; i <= 14; i++) await attempt(client, user.email, `guess ${i}`)

    const notices = fake.mails.queued(
      (message) => message instanceof AccountMail && message.input.kind === 'loginFailures'
    )
    assert.lengthOf(notices, 1)
    assert.equal((notices[0] as AccountMail).input.to.email, user.email)
  })

  test('failures on an address without an account mail nobody', async ({ client, assert }) => {
    for (let i = 1; i <= 6; i++) await attempt(client, 'nobody@example.com', `guess ${i}`)
    await createUser()
    const ok = await attempt(client, 'grace@example.com', PASSWORD)
    assert.isDefined(ok.session('auth_web'))
    const mailed = (await readOutbox()).flatMap((message) => message.to.map((to) => to.address))
    assert.notInclude(mailed, 'nobody@example.com')
    assert.notInclude(mailed, 'grace@example.com')
  })

  test('the wait message is translated', async ({ client, assert }) => {
    const user = await createUser()
    let last: any
    for (let i = 1; i <= 5; i++) {
      last = await client
        .post('/login')
        .header('accept-language', 'fr')
        .withCsrfToken()
        .withInertia()
        .json({ email: user.email, password: `nope ${i}` })
        .redirects(0)
    }
    assert.equal(last.flashMessage('error'), 'Trop de tentatives. Réessayez dans 1 min.')
  })

  test('a successful login clears the failures counted so far', async ({ client, assert }) => {
    const user = await createUser()
    for (let i = 1; i <= 4; i++) await attempt(client, user.email, `wrong ${i}`)
    const ok = await attempt(client, user.email, PASSWORD)
    assert.equal(ok.session('auth_web'), user.id)

    const afterReset = await attempt(client, user.email, 'wrong again')
    assert.deepEqual(afterReset.flashMessage('inputErrorsBag.email'), [
      'This e-mail and password do not match an account.',
    ])
    assert.isUndefined(afterReset.flashMessage('error'))
  })

  test('one IP address gets 20 login attempts a minute', async ({ client, assert }) => {
    for (let i = 1; i <= 20; i++) {
      const response = await attempt(client, `visitor${i}@example.com`, 'whatever-password')
      assert.isUndefined(response.flashMessage('error'), `attempt ${i} should not be throttled`)
    }
    const user = await createUser()
    const throttled = await attempt(client, user.email, PASSWORD)
    assert.equal(throttled.flashMessage('error'), 'Too many attempts. Try again in 1 min.')
    assert.isUndefined(throttled.session('auth_web'))
  })
})
