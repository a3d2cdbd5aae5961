import { test } from '@japa/runner'
import tiktok from '../index.js'
import { connectedFake } from './helpers.js'

test.group('tiktok: privacy level choices', (group) => {
  let env: Awaited<ReturnType<typeof connectedFake>>
  group.each.setup(async () => {
    env = await connectedFake()
    return () => env.close()
  })

  test('the levels creator_info offers, in TikTok’s words', async ({ assert }) => {
    assert.deepEqual(await tiktok.optionChoices!(env.account, 'privacyLevel', {}), {
      status: 'ok',
      value: [
        { value: 'PUBLIC_TO_EVERYONE', label: 'Everyone' },
        { value: 'MUTUAL_FOLLOW_FRIENDS', label: 'Friends' },
        { value: 'FOLLOWER_OF_CREATOR', label: 'Followers' },
        { value: 'SELF_ONLY', label: 'Only me' },
      ],
    })
  })

  test('an unaudited app’s creator is offered only "Only me"; unknown levels are left out', async ({
    assert,
  }) => {
    env.fake.privacyLevelOptions = ['SELF_ONLY', 'SOME_FUTURE_LEVEL']
    assert.deepEqual(await tiktok.optionChoices!(env.account, 'privacyLevel', {}), {
      status: 'ok',
      value: [{ value: 'SELF_ONLY', label: 'Only me' }],
    })
  })

  test('a revoked token comes back unauthorized, another field is refused', async ({ assert }) => {
    await tiktok.auth.revoke!(env.account)
    assert.equal(
      (await tiktok.optionChoices!(env.account, 'privacyLevel', {})).status,
      'unauthorized'
    )
    const other = await tiktok.optionChoices!(env.account, 'photoTitle', {})
    assert.equal(other.status === 'error' && other.code, 'unknown_option_field')
  })
})
