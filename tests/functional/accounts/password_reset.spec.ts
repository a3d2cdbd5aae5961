import { createHash } from 'node:crypto'
import { setTimeout as sleep } from 'node:timers/promises'
import { test } from '@japa/runner'
import { DateTime } from 'luxon'
import { appUrl } from '#config/app'
import User from '#models/user'
import AuditLog from '#models/audit_log'
import PasswordResetToken from '#models/password_reset_token'
import { withCleanState } from '#tests/helpers/database'
import { clearOutbox, readOutbox, waitForMail } from '#tests/helpers/outbox'

const OLD_PASSWORD = 'old password 123'
const NEW_PASSWORD = 'brand new password'

function createUser(locale = 'en') {
  return User.create({
    fullName: 'Katherine Johnson',
    email: 'katherine@example.com',
    password: OLD_PASSWORD,
    locale,
    timezone: 'UTC',
  })
}

function forgot(client: any, email: string) {
  return client.post('/forgot-password').withCsrfToken().withInertia().json({ email }).redirects(0)
}

function reset(client: any, token: string, password = NEW_PASSWORD) {
  return client
    .post('/reset-password')
    .withCsrfToken()
    .withInertia()
    .json({ token, password, password_confirmation: password })
    .redirects(0)
}

/** The token in the link of the newest reset mail to this address. */
async function mailedToken(address: string) {
  const mail = await waitForMail(address)
  const match = mail.text.match(/\/reset-password\/([A-Za-z0-9_-]+)/)
  if (!match) throw new Error('no reset link in the mail')
  return { mail, token: match[1] }
}

test.group('Accounts / password reset', (group) => {
  withCleanState(group)
  group.each.setup(() => clearOutbox())

  test('the forgot-password page renders', async ({ client }) => {
    const response = await client.get('/forgot-password').withInertia()
    response.assertStatus(200)
    response.assertInertiaComponent('auth/forgot_password')
  })

  test('a known address receives a single-use link; only the hash of its token is stored', async ({
    client,
    assert,
  }) => {
    const user = await createUser()
    const response = await forgot(client, 'Katherine@Example.com')
    response.assertStatus(302)
    assert.equal(
      response.flashMessage('success'),
      'If an account uses this address, a reset link is on its way. It works for 60 minutes.'
    )

    const { mail, token } = await mailedToken(user.email)
    assert.equal(mail.subject, 'Reset your Pistache Postiz password')
    assert.include(mail.html, new URL(`/reset-password/${token}`, appUrl).toString())
    assert.include(mail.text, 'Hello Katherine Johnson,')
    assert.isAtLeast(token.length, 43)

    const stored = await PasswordResetToken.findByOrFail('userId', user.id)
    assert.equal(stored.tokenHash, createHash('sha256').update(token).digest('hex'))
    assert.notInclude(JSON.stringify(await PasswordResetToken.query().pojo()), token)
    assert.isTrue(stored.expiresAt > DateTime.now().plus({ minutes: 59 }))
    assert.isTrue(stored.expiresAt <= DateTime.now().plus({ minutes: 60 }))
    assert.equal(
      (await AuditLog.findByOrFail('action', 'auth.password_reset_requested')).subjectId,
      String(user.id)
    )

    const page = await client.get(`/reset-password/${token}`).withInertia()
    page.assertInertiaComponent('auth/reset_password')
    page.assertInertiaPropsContains({ token, valid: true })

    const done = await reset(client, token)
    done.assertStatus(302)
    done.assertHeader('location', '/')
    assert.equal(done.session('auth_web'), user.id)
    assert.equal(done.flashMessage('success'), 'Your password has been changed. You are signed in.')
    await User.verifyCredentials(user.email, NEW_PASSWORD)
    assert.equal(
      (await AuditLog.findByOrFail('action', 'auth.password_reset_completed')).subjectId,
      String(user.id)
    )
    // Sessions signed in under the old password (whoever held it) are over; the reset's own is not.
    ;(await client.get('/profile').loginAs(user).redirects(0)).assertHeader('location', '/login')
    ;(await client.get('/profile').withSession(done.session()).redirects(0)).assertStatus(200)

    // The same link a second time is refused and changes nothing.
    const again = await reset(client, token, 'a third password')
    again.assertHeader('location', '/forgot-password')
    assert.equal(
      again.flashMessage('error'),
      'This reset link is invalid, already used or expired. Request a new one.'
    )
    assert.isUndefined(again.session('auth_web'))
    await User.verifyCredentials(user.email, NEW_PASSWORD)
    const usedPage = await client.get(`/reset-password/${token}`).withInertia()
    usedPage.assertInertiaPropsContains({ valid: false })
  })

  test('an unknown address gets the same answer and no mail', async ({ client, assert }) => {
    await createUser()
    const response = await forgot(client, 'stranger@example.com')
    assert.equal(
      response.flashMessage('success'),
      'If an account uses this address, a reset link is on its way. It works for 60 minutes.'
    )
    await sleep(150)
    assert.lengthOf(await readOutbox(), 0)
    assert.lengthOf(await PasswordResetToken.all(), 0)
  })

  test('an expired link is refused', async ({ client, assert }) => {
    const user = await createUser()
    await forgot(client, user.email)
    const { token } = await mailedToken(user.email)
    await PasswordResetToken.query()
      .where('user_id', user.id)
      .update({
        expires_at: DateTime.now()
          .minus({ minutes: 1 })
          .toFormat(PasswordResetToken.query().client.dialect.dateTimeFormat),
      })

    const page = await client.get(`/reset-password/${token}`).withInertia()
    page.assertInertiaPropsContains({ valid: false })

    const response = await reset(client, token)
    assert.equal(
      response.flashMessage('error'),
      'This reset link is invalid, already used or expired. Request a new one.'
    )
    assert.isUndefined(response.session('auth_web'))
    await User.verifyCredentials(user.email, OLD_PASSWORD)
  })

  test('asking again invalidates the previous link', async ({ client, assert }) => {
    const user = await createUser()
    await forgot(client, user.email)
    const first = (await mailedToken(user.email)).token
    await clearOutbox()
    await forgot(client, user.email)
    const second = (await mailedToken(user.email)).token
    assert.notEqual(first, second)

    const refused = await reset(client, first)
    assert.equal(
      refused.flashMessage('error'),
      'This reset link is invalid, already used or expired. Request a new one.'
    )
    await User.verifyCredentials(user.email, OLD_PASSWORD)

    const accepted = await reset(client, second)
    assert.equal(accepted.session('auth_web'), user.id)
  })

  test('the new password must be 10 characters and confirmed', async ({ client, assert }) => {
    const user = await createUser()
    await forgot(client, user.email)
    const { token } = await mailedToken(user.email)
    const response = await reset(client, token, 'short')
    assert.deepEqual(response.flashMessage('inputErrorsBag.password'), [
      'The password must be at least 10 characters.',
    ])
    await User.verifyCredentials(user.email, OLD_PASSWORD)
    assert.isNull((await PasswordResetToken.findByOrFail('userId', user.id)).usedAt)
  })

  test('the mail is written in the language of the account', async ({ client, assert }) => {
    const user = await createUser('fr')
    await forgot(client, user.email)
    const { mail } = await mailedToken(user.email)
    assert.equal(mail.subject, 'Réinitialisez votre mot de passe Pistache Postiz')
    assert.include(mail.text, 'Bonjour Katherine Johnson,')
    assert.include(mail.html, 'lang="fr"')
  })

  test('reset requests are limited per e-mail address', async ({ client, assert }) => {
    const user = await createUser()
    for (let i = 1; i <= 3; i++) {
      const response = await forgot(client, user.email)
      assert.isUndefined(response.flashMessage('error'))
    }
    const fourth = await forgot(client, user.email)
    assert.match(fourth.flashMessage('error'), /^Too many requests\. Try again in \d+ min\.$/)
    assert.isUndefined(fourth.flashMessage('success'))
    assert.lengthOf(await PasswordResetToken.all(), 1)
  })

  test('reset requests are limited per IP address', async ({ client, assert }) => {
    for (let i = 1; i <= 10; i++) {
      const response = await forgot(client, `someone${i}@example.com`)
      assert.isUndefined(response.flashMessage('error'))
    }
    const eleventh = await forgot(client, 'someone-else@example.com')
    assert.match(eleventh.flashMessage('error'), /^Too many requests\. Try again in \d+ min\.$/)
  })
})
