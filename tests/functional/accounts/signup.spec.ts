import { test } from '@japa/runner'
import hash from '@adonisjs/core/services/hash'
import User from '#models/user'
import AuditLog from '#models/audit_log'
import { withCleanState } from '#tests/helpers/database'

const valid = {
  fullName: 'Ada Lovelace',
  email: '  Ada@Example.COM ',
  password: 'analytical-engine',
  password_confirmation: 'analytical-engine',
  timezone: 'Europe/Paris',
}

test.group('Accounts / sign up', (group) => {
  withCleanState(group)

  test('the sign-up page renders for guests', async ({ client }) => {
    const response = await client.get('/signup').withInertia()
    response.assertStatus(200)
    response.assertInertiaComponent('auth/signup')
  })

  test('signing up creates the account with a normalised e-mail and signs the user in', async ({
    client,
    assert,
  }) => {
    const response = await client
      .post('/signup')
      .withCsrfToken()
      .withInertia()
      .json(valid)
      .redirects(0)

    response.assertStatus(302)
    response.assertHeader('location', '/')
    const user = await User.findByOrFail('email', 'ada@example.com')
    assert.equal(user.fullName, 'Ada Lovelace')
    assert.equal(user.timezone, 'Europe/Paris')
    assert.equal(user.locale, 'en')
    assert.notEqual(user.password, valid.password)
    assert.isTrue(await hash.verify(user.password, valid.password))
    assert.equal(response.session('auth_web'), user.id)

    const audit = await AuditLog.findByOrFail('action', 'auth.signup')
    assert.equal(audit.actorId, user.id)
  })

  test('a second account with the same e-mail, in another case, is refused', async ({
    client,
    assert,
  }) => {
    await User.create({
      fullName: 'First',
      email: 'ada@example.com',
      password: 'first-password',
      locale: 'en',
      timezone: 'UTC',
    })

    const response = await client
      .post('/signup')
      .withCsrfToken()
      .withInertia()
      .json(valid)
      .redirects(0)

    response.assertStatus(302)
    assert.deepEqual(response.flashMessage('inputErrorsBag.email'), [
      'An account already uses this e-mail.',
    ])
    assert.lengthOf(await User.all(), 1)
    assert.isUndefined(response.session('auth_web'))
  })

  test('a password under 10 characters or not confirmed is refused', async ({ client, assert }) => {
    const short = await client
      .post('/signup')
      .withCsrfToken()
      .withInertia()
      .json({ ...valid, password: 'short-pw1', password_confirmation: 'short-pw1' })
      .redirects(0)
    assert.deepEqual(short.flashMessage('inputErrorsBag.password'), [
      'The password must be at least 10 characters.',
    ])

    const mismatch = await client
      .post('/signup')
      .withCsrfToken()
      .withInertia()
      .json({ ...valid, password_confirmation: 'something-else' })
      .redirects(0)
    assert.deepEqual(mismatch.flashMessage('inputErrorsBag.password_confirmation'), [
      'The confirmation does not match the password.',
    ])

    assert.lengthOf(await User.all(), 0)
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
    const user = await User.findByOrFail('email', 'ada@example.com')
    assert.equal(user.locale, 'fr')
  })

  test('the form refuses a submission without a CSRF token', async ({ client, assert }) => {
    const response = await client.post('/signup').withInertia().json(valid).redirects(0)
    // Shield answers a browser with a redirect back and a flashed error rather than a bare 403.
    response.assertStatus(302)
    assert.property(response.flashMessage('errorsBag'), 'E_BAD_CSRF_TOKEN')
    assert.lengthOf(await User.all(), 0)
    assert.isUndefined(response.session('auth_web'))
  })
})
