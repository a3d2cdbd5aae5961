import { test } from '@japa/runner'
import ace from '@adonisjs/core/services/ace'
import hash from '@adonisjs/core/services/hash'
import User from '#models/user'
import Workspace from '#models/workspace'
import WorkspaceMember from '#models/workspace_member'
import AuditLog from '#models/audit_log'
import { withCleanState } from '#tests/helpers/database'

const PASSWORD = 'correct horse battery'

test.group('Platform / users:create', (group) => {
  withCleanState(group)
  group.each.setup(() => {
    ace.ui.switchMode('raw')
    ace.ui.logger.flushLogs()
  })
  group.each.teardown(() => ace.ui.switchMode('normal'))

  test('creates the user, a new workspace they own, the membership and an audit entry', async ({
    assert,
  }) => {
    const command = await ace.exec('users:create', [
      '--email=Ada@Example.com',
      '--name=Ada Lovelace',
      `--password=${PASSWORD}`,
      '--workspace=Acme Agency',
    ])

    command.assertSucceeded()
    const user = await User.findByOrFail('email', 'ada@example.com')
    assert.equal(user.fullName, 'Ada Lovelace')
    assert.isTrue(await hash.verify(user.password, PASSWORD))
    const workspace = await Workspace.findByOrFail('name', 'Acme Agency')
    assert.equal(workspace.slug, 'acme-agency')
    assert.equal(user.currentWorkspaceId, workspace.id)
    const member = await WorkspaceMember.query()
      .where({ userId: user.id, workspaceId: workspace.id })
      .firstOrFail()
    assert.equal(member.role, 'owner')
    const entry = await AuditLog.findByOrFail('action', 'user.created')
    assert.equal(entry.subjectId, String(user.id))
    assert.notInclude(JSON.stringify(entry.meta), PASSWORD)
    command.assertLogMatches(/Created user ada@example.com/)
  })

  test('adds the user to an existing workspace (by slug) with the given role', async ({
    assert,
  }) => {
    const workspace = await Workspace.create({ name: 'Existing Co', slug: 'existing-co' })
    const command = await ace.exec('users:create', [
      '--email=viewer@example.com',
      '--name=Vi Ewer',
      `--password=${PASSWORD}`,
      '--workspace=existing-co',
      '--role=viewer',
    ])

    command.assertSucceeded()
    const user = await User.findByOrFail('email', 'viewer@example.com')
    const member = await WorkspaceMember.query()
      .where({ userId: user.id, workspaceId: workspace.id })
      .firstOrFail()
    assert.equal(member.role, 'viewer')
    assert.lengthOf(await Workspace.all(), 1)
  })

  test('refuses a duplicate e-mail with a clear message and a non-zero exit', async ({
    assert,
  }) => {
    await ace.exec('users:create', [
      '--email=dup@example.com',
      '--name=First',
      `--password=${PASSWORD}`,
    ])
    const command = await ace.exec('users:create', [
      '--email=DUP@example.com',
      '--name=Second',
      `--password=${PASSWORD}`,
    ])

    command.assertFailed()
    command.assertLogMatches(/email has already been taken/i, 'stderr')
    assert.lengthOf(await User.query().where('email', 'dup@example.com'), 1)
  })

  test('refuses an unknown role, a bad e-mail and a short password, creating nothing', async ({
    assert,
  }) => {
    const badRole = await ace.exec('users:create', [
      '--email=r@example.com',
      '--name=R',
      `--password=${PASSWORD}`,
      '--workspace=Acme',
      '--role=superuser',
    ])
    badRole.assertFailed()
    badRole.assertLogMatches(/role/i, 'stderr')

    const badEmail = await ace.exec('users:create', [
      '--email=not-an-email',
      '--name=E',
      `--password=${PASSWORD}`,
    ])
    badEmail.assertFailed()
    badEmail.assertLogMatches(/email/i, 'stderr')

    const shortPassword = await ace.exec('users:create', [
      '--email=p@example.com',
      '--name=P',
      '--password=short',
    ])
    shortPassword.assertFailed()
    shortPassword.assertLogMatches(/password/i, 'stderr')

    assert.lengthOf(await User.all(), 0)
    assert.lengthOf(await Workspace.all(), 0)
  })

  test('asks for the password (hidden) when it is not given', async ({ assert }) => {
    ace.prompt.trap('Password (at least 10 characters)').replyWith(PASSWORD)
    const command = await ace.exec('users:create', [
      '--email=prompted@example.com',
      '--name=Prompted',
    ])

    command.assertSucceeded()
    const user = await User.findByOrFail('email', 'prompted@example.com')
    assert.isTrue(await hash.verify(user.password, PASSWORD))
  })

  test('without a terminal and without --password it fails instead of waiting for input', async ({
    assert,
  }) => {
    const command = await ace.exec('users:create', ['--email=nopass@example.com', '--name=No Pass'])

    command.assertFailed()
    command.assertLogMatches(/--password is required/, 'stderr')
    assert.isNull(await User.findBy('email', 'nopass@example.com'))
  })
})
