import { test } from '@japa/runner'
import ace from '@adonisjs/core/services/ace'
import User from '#models/user'
import { createAccount } from '#actions/accounts/sign_up'
import { withCleanState } from '#tests/helpers/database'
import { clearOutbox, waitForMail } from '#tests/helpers/outbox'
import { send } from '#tests/functional/workspaces/_helpers'
import { adminAndMember } from './_fixtures.js'

const PASSWORD = 'correct horse battery'

test.group('System / instance admins', (group) => {
  withCleanState(group)
  group.each.setup(() => {
    ace.ui.switchMode('raw')
    return () => ace.ui.switchMode('normal')
  })

  test('the first sign-up of a fresh install runs it; later ones do not', async ({ assert }) => {
    const first = await createAccount({
      fullName: 'First',
      email: 'first@example.com',
      password: PASSWORD,
      locale: 'en',
    })
    const second = await createAccount({
      fullName: 'Second',
      email: 'second@example.com',
      password: PASSWORD,
      locale: 'en',
    })
    assert.isTrue(first.isInstanceAdmin)
    assert.isFalse(second.isInstanceAdmin)
    assert.isTrue((await User.findOrFail(first.id)).isInstanceAdmin)
    assert.isFalse((await User.findOrFail(second.id)).isInstanceAdmin)
  })

  test('users:create: the first account and --instance-admin get the role, others not', async ({
    assert,
  }) => {
    for (const [email, extra] of [
      ['one@example.com', []],
      ['two@example.com', []],
      ['three@example.com', ['--instance-admin']],
    ] as const) {
      const command = await ace.exec('users:create', [
        `--email=${email}`,
        '--name=Someone',
        `--password=${PASSWORD}`,
        ...extra,
      ])
      command.assertSucceeded()
    }
    const admins = await User.query().where('is_instance_admin', true).orderBy('id')
    assert.deepEqual(
      admins.map((user) => user.email),
      ['one@example.com', 'three@example.com']
    )
  })

  test('users:promote and users:demote; the last admin cannot be demoted', async ({ assert }) => {
    const { admin, member } = await adminAndMember()
    const refused = await ace.exec('users:demote', [`--email=${admin.email}`])
    refused.assertFailed()
    refused.assertLogMatches(/last instance admin/)
    assert.isTrue((await User.findOrFail(admin.id)).isInstanceAdmin)

    ;(await ace.exec('users:promote', [`--email=${member.email.toUpperCase()}`])).assertSucceeded()
    assert.isTrue((await User.findOrFail(member.id)).isInstanceAdmin)
    ;(await ace.exec('users:demote', [`--email=${admin.email}`])).assertSucceeded()
    assert.isFalse((await User.findOrFail(admin.id)).isInstanceAdmin)
    ;(await ace.exec('users:promote', ['--email=nobody@example.com'])).assertFailed()
  })

  test('a demoted admin loses the System area at once', async ({ client }) => {
    const { admin, member } = await adminAndMember()
    member.isInstanceAdmin = true
    await member.save()
    ;(await client.get('/system').loginAs(admin)).assertStatus(200)
    await ace.exec('users:demote', [`--email=${admin.email}`])
    ;(await client.get('/system').loginAs(admin)).assertStatus(404)
  })
})

test.group('System / instance settings', (group) => {
  withCleanState(group)

  test('shows version, migrations, networks without a credential value; checks storage and mail', async ({
    client,
    assert,
  }) => {
    const { admin } = await adminAndMember()
    const page = await client.get('/system/settings').loginAs(admin).withInertia()
    page.assertStatus(200)
    page.assertInertiaComponent('system/settings')
    const settings = page.inertiaProps.settings as any
    assert.match(settings.version, /^\d+\.\d+\.\d+/)
    assert.deepEqual(settings.pendingMigrations, [])
    assert.isAbove(settings.appliedMigrations, 10)
    const mastodon = settings.networks.find((n: any) => n.id === 'mastodon')
    assert.isTrue(mastodon.ready, 'Mastodon needs no app credentials')
    for (const network of settings.networks)
      for (const name of network.missing) assert.match(name, /^[A-Z0-9_]+$/, 'a variable name')

    const checked = await send(client, 'post', '/system/settings/test-storage', admin)
    checked.assertStatus(302)
    assert.isTrue(checked.flashMessages().storageCheck?.ok, JSON.stringify(checked.flashMessages()))

    await clearOutbox()
    ;(await send(client, 'post', '/system/settings/test-mail', admin)).assertStatus(302)
    const mail = await waitForMail(admin.email)
    assert.include(mail.subject, 'test message')
  })
})
