import { test } from '@japa/runner'
import User from '#models/user'
import AuditLog from '#models/audit_log'
import AccountConfirmation from '#models/account_confirmation'
import { withCleanState } from '#tests/helpers/database'
import { clearOutbox, readOutbox, waitForMail } from '#tests/helpers/outbox'

const PASSWORD = 'first password 42'

function createUser(email = 'margaret@example.com') {
  return User.create({
    fullName: 'Margaret Hamilton',
    email,
    password: PASSWORD,
    locale: 'en',
    timezone: 'UTC',
  })
}

function put(client: any, url: string, user: User, body: Record<string, unknown>) {
  return client.put(url).loginAs(user).withCsrfToken().withInertia().json(body).redirects(0)
}

/** The token of the e-mail change link mailed to this address. */
async function mailedEmailLink(address: string) {
  const mail = await waitForMail(address)
  const token = mail.text.match(/\/profile\/email\/confirm\/([A-Za-z0-9_-]+)/)?.[1]
  if (!token) throw new Error(`no confirmation link in the mail:\n${mail.text}`)
  return token
}

function confirmEmail(client: any, token: string) {
  return client
    .post('/profile/email/confirm')
    .withCsrfToken()
    .withInertia()
    .json({ token })
    .redirects(0)
}

test.group('Accounts / profile', (group) => {
  withCleanState(group)
  group.each.setup(() => clearOutbox())

  test('guests are sent to the login page', async ({ client }) => {
    const response = await client.get('/profile').redirects(0)
    response.assertStatus(302)
    response.assertHeader('location', '/login')
  })

  test('the profile page shows the account and the choices, never the password hash', async ({
    client,
    assert,
  }) => {
    const user = await createUser()
    const response = await client.get('/profile').loginAs(user).withInertia()

    response.assertInertiaComponent('profile/show')
    response.assertInertiaPropsContains({
      profile: {
        fullName: 'Margaret Hamilton',
        email: 'margaret@example.com',
        locale: 'en',
        timezone: 'UTC',
      },
      locales: ['en', 'fr'],
    })
    assert.includeMembers(response.inertiaProps.timezones, [
      'UTC',
      'Europe/Paris',
      'America/New_York',
    ])
    const hash = (await User.findOrFail(user.id)).password
    assert.match(hash, /^\$scrypt\$/)
    assert.notInclude(JSON.stringify(response.inertiaProps), hash)
    assert.notInclude(JSON.stringify(response.inertiaProps), '$scrypt')
  })

  test('no page of the accounts area hands the password hash to the browser', async ({
    client,
    assert,
  }) => {
    const user = await createUser()
    const hash = (await User.findOrFail(user.id)).password
    for (const url of ['/profile', '/']) {
      const response = await client.get(url).loginAs(user).withInertia()
      assert.isObject(response.inertiaProps.user, url)
      assert.notInclude(JSON.stringify(response.inertiaProps), hash, url)
      assert.notProperty(response.inertiaProps.user, 'password', url)
    }
  })

  test('name, language and time zone are saved', async ({ client, assert }) => {
    const user = await createUser()
    const response = await put(client, '/profile', user, {
      fullName: '  Margaret H. Hamilton ',
      locale: 'fr',
      timezone: 'Europe/Paris',
    })

    response.assertStatus(303) // Inertia turns redirects after PUT into 303
    response.assertHeader('location', '/profile')
    // Confirmed in the language just chosen.
    assert.equal(response.flashMessage('success'), 'Votre profil a été mis à jour.')
    await user.refresh()
    assert.equal(user.fullName, 'Margaret H. Hamilton')
    assert.equal(user.locale, 'fr')
    assert.equal(user.timezone, 'Europe/Paris')
  })

  test('an unknown time zone or language is refused', async ({ client, assert }) => {
    const user = await createUser()
    const response = await put(client, '/profile', user, {
      fullName: 'M',
      locale: 'de',
      timezone: 'Mars/Olympus_Mons',
    })

    assert.property(response.flashMessage('inputErrorsBag'), 'timezone')
    assert.property(response.flashMessage('inputErrorsBag'), 'locale')
    await user.refresh()
    assert.equal(user.timezone, 'UTC')
    assert.equal(user.locale, 'en')
  })

  test('changing the e-mail needs the current password and the link mailed to the new address', async ({
    client,
    assert,
  }) => {
    const user = await createUser()
    const wrong = await put(client, '/profile/email', user, {
      email: 'new@example.com',
      currentPassword: 'not my password',
    })

    assert.deepEqual(wrong.flashMessage('inputErrorsBag.currentPassword'), [
      'This is not your current password.',
    ])
    assert.isNull(await AuditLog.findBy('action', 'profile.email_change_requested'))

    const right = await put(client, '/profile/email', user, {
      email: 'New@Example.com',
      currentPassword: PASSWORD,
    })
    right.assertHeader('location', '/profile')
    assert.equal(
      right.flashMessage('success'),
      'We sent a link to new@example.com. Your sign-in address changes when you open it.'
    )
    // Nothing changes before the link is opened.
    await user.refresh()
    assert.equal(user.email, 'margaret@example.com')

    // The old address is told; the new one gets the link.
    const notice = await waitForMail('margaret@example.com')
    assert.equal(notice.subject, 'A change of your sign-in address was requested')
    assert.include(notice.text, 'new@example.com')
    assert.notInclude(notice.text, '/profile/email/confirm/')
    const token = await mailedEmailLink('new@example.com')

    // Opening the link shows a button; a mail scanner's GET changes nothing.
    const page = await client.get(`/profile/email/confirm/${token}`).withInertia()
    page.assertInertiaComponent('auth/confirm_email')
    page.assertInertiaPropsContains({ email: 'new@example.com' })
    await user.refresh()
    assert.equal(user.email, 'margaret@example.com')

    // Works from a browser that is not signed in (the mailbox may be read elsewhere).
    const confirmed = await confirmEmail(client, token)
    confirmed.assertHeader('location', '/login')
    assert.equal(confirmed.flashMessage('success'), 'Your sign-in e-mail has been changed.')
    await user.refresh()
    assert.equal(user.email, 'new@example.com')
    const audit = await AuditLog.findByOrFail('action', 'profile.email_changed')
    assert.deepEqual(audit.meta, { from: 'margaret@example.com', to: 'new@example.com' })
    assert.equal(audit.actorId, user.id)
    await User.verifyCredentials('new@example.com', PASSWORD)

    // Once only.
    const again = await confirmEmail(client, token)
    assert.match(again.flashMessage('error'), /invalid, already used or expired/)
  })

  test('an address that has an account gets no link, and the answer is the same', async ({
    client,
    assert,
  }) => {
    const user = await createUser()
    await createUser('taken@example.com')
    const response = await put(client, '/profile/email', user, {
      email: 'taken@example.com',
      currentPassword: PASSWORD,
    })

    assert.isUndefined(response.flashMessage('inputErrorsBag'))
    assert.equal(
      response.flashMessage('success'),
      'We sent a link to taken@example.com. Your sign-in address changes when you open it.'
    )
    await waitForMail('margaret@example.com')
    assert.isNull(await AccountConfirmation.findBy('email', 'taken@example.com'))
    const mailed = (await readOutbox()).flatMap((message) => message.to.map((to) => to.address))
    assert.notInclude(mailed, 'taken@example.com')
    await user.refresh()
    assert.equal(user.email, 'margaret@example.com')

    // Re-submitting one's own address is not a conflict, and sends nothing.
    const same = await put(client, '/profile/email', user, {
      email: 'margaret@example.com',
      currentPassword: PASSWORD,
    })
    assert.isUndefined(same.flashMessage('inputErrorsBag'))
    assert.equal(same.flashMessage('success'), 'This is already your sign-in address.')
  })

  test('a new password cancels a pending e-mail change; a newer request replaces the link', async ({
    client,
    assert,
  }) => {
    const user = await createUser()
    await put(client, '/profile/email', user, {
      email: 'first@example.com',
      currentPassword: PASSWORD,
    })
    const first = await mailedEmailLink('first@example.com')
    await put(client, '/profile/email', user, {
      email: 'second@example.com',
      currentPassword: PASSWORD,
    })
    const second = await mailedEmailLink('second@example.com')
    assert.match((await confirmEmail(client, first)).flashMessage('error'), /invalid/)

    await put(client, '/profile/password', user, {
      currentPassword: PASSWORD,
      password: 'second password 42',
      password_confirmation: 'second password 42',
    })
    assert.match((await confirmEmail(client, second)).flashMessage('error'), /invalid/)
    await user.refresh()
    assert.equal(user.email, 'margaret@example.com')
  })

  test('changing the password needs the current one and a confirmed new one', async ({
    client,
    assert,
  }) => {
    const user = await createUser()
    const wrong = await put(client, '/profile/password', user, {
      currentPassword: 'not my password',
      password: 'second password 42',
      password_confirmation: 'second password 42',
    })
    assert.deepEqual(wrong.flashMessage('inputErrorsBag.currentPassword'), [
      'This is not your current password.',
    ])
    await User.verifyCredentials(user.email, PASSWORD)

    const weak = await put(client, '/profile/password', user, {
      currentPassword: PASSWORD,
      password: 'short',
      password_confirmation: 'short',
    })
    assert.property(weak.flashMessage('inputErrorsBag'), 'password')
    await User.verifyCredentials(user.email, PASSWORD)

    const right = await put(client, '/profile/password', user, {
      currentPassword: PASSWORD,
      password: 'second password 42',
      password_confirmation: 'second password 42',
    })
    right.assertHeader('location', '/profile')
    assert.equal(right.flashMessage('success'), 'Your password has been changed.')
    await User.verifyCredentials(user.email, 'second password 42')
    assert.equal(
      (await AuditLog.findByOrFail('action', 'profile.password_changed')).actorId,
      user.id
    )
    // Still signed in on this device.
    assert.equal(right.session('auth_web'), user.id)
  })

  test('changing the password signs the account out of its other sessions, not this one', async ({
    client,
    assert,
  }) => {
    const user = await createUser()
    // Another device, signed in before the change, still gets in.
    const before = await client.get('/profile').loginAs(user).withInertia()
    before.assertStatus(200)

    const changed = await put(client, '/profile/password', user, {
      currentPassword: PASSWORD,
      password: 'second password 42',
      password_confirmation: 'second password 42',
    })
    changed.assertHeader('location', '/profile')

    // That other device's session predates the change: it is sent to the login page.
    const otherDevice = await client.get('/profile').loginAs(user).redirects(0)
    otherDevice.assertStatus(302)
    otherDevice.assertHeader('location', '/login')
    const otherJson = await client
      .get('/profile')
      .loginAs(user)
      .header('accept', 'application/json')
      .redirects(0)
    otherJson.assertStatus(401)

    // The session that made the change carries on.
    const sameDevice = await client
      .get('/profile')
      .withSession(changed.session())
      .withInertia()
      .redirects(0)
    sameDevice.assertStatus(200)
    assert.equal(sameDevice.inertiaProps.profile.email, 'margaret@example.com')
  })
})

test.group('Accounts / language switch', (group) => {
  withCleanState(group)

  test('a signed-in user’s choice is saved on the account', async ({ client, assert }) => {
    const user = await createUser()
    const response = await client
      .post('/locale')
      .loginAs(user)
      .withCsrfToken()
      .withInertia()
      .json({ locale: 'fr' })
      .redirects(0)

    response.assertStatus(302)
    await user.refresh()
    assert.equal(user.locale, 'fr')

    const page = await client.get('/profile').loginAs(user).withInertia()
    assert.equal(page.inertiaProps.locale, 'fr')
  })

  test('a guest’s choice is kept in a cookie that outranks the browser language', async ({
    client,
    assert,
  }) => {
    const response = await client
      .post('/locale')
      .withCsrfToken()
      .withInertia()
      .json({ locale: 'fr' })
      .redirects(0)
    response.assertStatus(302)
    assert.equal(response.cookie('locale')?.value, 'fr')

    const withCookie = await client
      .get('/login')
      .header('accept-language', 'en-US,en;q=0.9')
      .withCookie('locale', 'fr')
      .withInertia()
    assert.equal(withCookie.inertiaProps.locale, 'fr')

    const withoutCookie = await client
      .get('/login')
      .header('accept-language', 'fr-FR,fr;q=0.9')
      .withInertia()
    assert.equal(withoutCookie.inertiaProps.locale, 'fr')
    const english = await client.get('/login').header('accept-language', 'en-US').withInertia()
    assert.equal(english.inertiaProps.locale, 'en')
  })

  test('the saved locale of a user outranks the cookie', async ({ client, assert }) => {
    const user = await createUser()
    const page = await client.get('/profile').loginAs(user).withCookie('locale', 'fr').withInertia()
    assert.equal(page.inertiaProps.locale, 'en')
  })

  test('an unsupported language is refused', async ({ client, assert }) => {
    const user = await createUser()
    const response = await client
      .post('/locale')
      .loginAs(user)
      .withCsrfToken()
      .withInertia()
      .json({ locale: 'de' })
      .redirects(0)
    assert.property(response.flashMessage('inputErrorsBag'), 'locale')
    assert.isUndefined(response.cookie('locale'))
    await user.refresh()
    assert.equal(user.locale, 'en')
  })
})
