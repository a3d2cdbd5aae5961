import { test } from '@japa/runner'
import ace from '@adonisjs/core/services/ace'
import hash from '@adonisjs/core/services/hash'
import User from '#models/user'
import { withCleanState } from '#tests/helpers/database'
import { issueResetToken } from '#services/accounts/password_reset_tokens'
import { isCommonPassword } from '#services/accounts/password_policy'

const PASSWORD = 'first password 42'
const REFUSED_EN =
  'This password is too common: it appears in lists of leaked passwords. Choose another one.'
const REFUSED_FR =
  'Ce mot de passe est trop courant\u202f: il figure dans les listes de mots de passe divulgués. Choisissez-en un autre.'

/**
 * Passwords of 10 characters or more from the breach lists, as typed (case changed, digits
 * or punctuation stuck around a listed word): each passes the length rule on its own.
 */
const COMMON = [
  '1234567890',
  'qwertyuiop',
  'Password123',
  'PASSWORD1234',
  'dragon2024!!',
  '123sunshine',
]

function createUser() {
  return User.create({
    fullName: 'Margaret Hamilton',
    email: 'margaret@example.com',
    password: PASSWORD,
    locale: 'en',
    timezone: 'UTC',
  })
}

const twice = (password: string) => ({ password, password_confirmation: password })

test.group('Accounts / common passwords are refused', (group) => {
  withCleanState(group)

  test('the list check: listed words in any case and with padding; uncommon phrases pass', async ({
    assert,
  }) => {
    for (const password of COMMON) assert.isTrue(await isCommonPassword(password), password)
    for (const password of ['correct horse battery', 'analytical-engine', 'first password 42'])
      assert.isFalse(await isCommonPassword(password), password)
  })

  test('sign-up refuses them, in English and in French', async ({ client, assert }) => {
    for (const password of COMMON) {
      const response = await client
        .post('/signup')
        .withCsrfToken()
        .withInertia()
        .json({ fullName: 'Ada', email: 'ada@example.com', ...twice(password) })
        .redirects(0)
      assert.deepEqual(response.flashMessage('inputErrorsBag.password'), [REFUSED_EN], password)
    }
    const french = await client
      .post('/signup')
      .header('accept-language', 'fr')
      .withCsrfToken()
      .withInertia()
      .json({ fullName: 'Ada', email: 'ada@example.com', ...twice('qwertyuiop') })
      .redirects(0)
    assert.deepEqual(french.flashMessage('inputErrorsBag.password'), [REFUSED_FR])
    assert.lengthOf(await User.all(), 0)
  })

  test('a password reset refuses them and keeps the old password', async ({ client, assert }) => {
    const user = await createUser()
    const token = await issueResetToken(user)
    const response = await client
      .post('/reset-password')
      .withCsrfToken()
      .withInertia()
      .json({ token, ...twice('Password123') })
      .redirects(0)
    assert.deepEqual(response.flashMessage('inputErrorsBag.password'), [REFUSED_EN])
    await user.refresh()
    assert.isTrue(await hash.verify(user.password, PASSWORD))
  })

  test('changing the password refuses them', async ({ client, assert }) => {
    const user = await createUser()
    const response = await client
      .put('/profile/password')
      .loginAs(user)
      .withCsrfToken()
      .withInertia()
      .json({ currentPassword: PASSWORD, ...twice('1234567890') })
      .redirects(0)
    assert.deepEqual(response.flashMessage('inputErrorsBag.password'), [REFUSED_EN])
    await user.refresh()
    assert.isTrue(await hash.verify(user.password, PASSWORD))
  })

  test('users:create refuses them', async ({ assert, cleanup }) => {
    ace.ui.switchMode('raw')
    cleanup(() => ace.ui.switchMode('normal'))
    const command = await ace.exec('users:create', [
      '--email=ada@example.com',
      '--name=Ada Lovelace',
      '--password=qwertyuiop',
    ])
    command.assertFailed()
    command.assertLogMatches(/too common/)
    assert.isNull(await User.findBy('email', 'ada@example.com'))
  })
})
