import { test } from '@japa/runner'
import { DateTime } from 'luxon'
import SocialAccount from '#models/social_account'
import { forgetToken, openToken, sealToken } from '#services/token_vault'

function account(externalId = '42') {
  return new SocialAccount().merge({
    workspaceId: 1,
    network: 'mastodon',
    externalId,
    connectedAt: DateTime.now(),
  })
}

test.group('Token vault', () => {
  test('seals a token set so that no secret appears in the stored value', ({ assert }) => {
    const target = account()
    sealToken(target, {
      accessToken: 'access-secret-123',
      refreshToken: 'refresh-secret-456',
      expiresAt: 1_900_000_000_000,
    })
    assert.notInclude(target.tokenCiphertext!, 'access-secret-123')
    assert.notInclude(target.tokenCiphertext!, 'refresh-secret-456')
    assert.equal(target.tokenExpiresAt?.toMillis(), 1_900_000_000_000)
    assert.deepEqual(openToken(target), {
      accessToken: 'access-secret-123',
      refreshToken: 'refresh-secret-456',
      expiresAt: 1_900_000_000_000,
    })
    assert.notProperty(target.serialize(), 'tokenCiphertext')
  })

  test('a ciphertext copied onto another account does not open', ({ assert }) => {
    const source = account('1')
    sealToken(source, { accessToken: 'secret' })
    const other = account('2')
    other.tokenCiphertext = source.tokenCiphertext
    assert.isNull(openToken(other))
  })

  test('forgetting the token leaves nothing to open', ({ assert }) => {
    const target = account()
    sealToken(target, { accessToken: 'secret' })
    forgetToken(target)
    assert.isNull(target.tokenCiphertext)
    assert.isNull(openToken(target))
  })
})
