import { test } from '@japa/runner'
import { spawn } from 'node:child_process'
import { chmod, mkdir, readdir, stat } from 'node:fs/promises'
import { createServer } from 'node:net'
import { join } from 'node:path'
import app from '@adonisjs/core/services/app'
import mail from '@adonisjs/mail/services/main'
import User from '#models/user'
import WorkspaceMember from '#models/workspace_member'
import AccountMail from '#mails/account_mail'
import { outboxFolder } from '#config/mail'
import { createWorkspace } from '#actions/workspaces/create_workspace'
import { withCleanState } from '#tests/helpers/database'
import { clearOutbox, waitForMail } from '#tests/helpers/outbox'

const WARNING = 'Mail is not being sent'

async function freePort() {
  const server = createServer()
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve))
  const { port } = server.address() as { port: number }
  await new Promise((resolve) => server.close(resolve))
  return port
}

/**
 * Boots the real web server (bin/server.ts) in production with this mailer, and returns
 * its log up to the line saying it listens.
 */
async function productionBootLog(mailer: 'outbox' | 'smtp') {
  const child = spawn(process.execPath, ['--import=@poppinss/ts-exec', 'bin/server.ts'], {
    cwd: app.makePath(),
    env: {
      ...process.env,
      NODE_ENV: 'production',
      PORT: String(await freePort()),
      MAIL_MAILER: mailer,
      LOG_LEVEL: 'info',
      SESSION_DRIVER: 'memory',
    },
  })
  let log = ''
  try {
    await new Promise<void>((resolve, reject) => {
      const read = (chunk: Buffer) => {
        log += chunk.toString()
        if (log.includes('started HTTP server')) resolve()
      }
      child.stdout.on('data', read)
      child.stderr.on('data', read)
      child.on('exit', (code) => reject(new Error(`the server exited (${code}):\n${log}`)))
    })
  } finally {
    child.kill('SIGTERM')
  }
  return log
}

function createUser(email: string) {
  return User.create({
    fullName: email.split('@')[0],
    email,
    password: 'correct horse battery',
    locale: 'en',
    timezone: 'UTC',
  })
}

test.group('Platform / production mail', (group) => {
  withCleanState(group)
  group.each.setup(() => clearOutbox())

  test('production with the outbox mailer says at boot that mail is not sent; SMTP does not', async ({
    assert,
  }) => {
    const outbox = await productionBootLog('outbox')
    const line = outbox.split('\n').find((entry) => entry.includes(WARNING))
    assert.exists(line, outbox)
    assert.equal(JSON.parse(line!).level, 50, 'logged at error level')
    assert.include(line!, 'MAIL_MAILER=smtp')

    const smtp = await productionBootLog('smtp')
    assert.notInclude(smtp, WARNING)
  }).timeout(120_000)

  test('outbox files are readable by the app user only, and so is their folder', async ({
    assert,
  }) => {
    // A folder left world-readable by an older version is tightened too.
    await mkdir(outboxFolder(), { recursive: true })
    await chmod(outboxFolder(), 0o755)
    await mail.send(
      new AccountMail({
        to: { email: 'ada@example.com', fullName: 'Ada', locale: 'en' },
        kind: 'signupConfirm',
        params: { hours: 24 },
        path: '/signup/confirm/secret-token',
      })
    )
    await waitForMail('ada@example.com')
    const [file] = await readdir(outboxFolder())
    assert.equal((await stat(join(outboxFolder(), file))).mode & 0o777, 0o600)
    assert.equal((await stat(outboxFolder())).mode & 0o777, 0o700)
  })

  test('owners and admins see a banner while mail is not sent; editors do not', async ({
    client,
    assert,
    cleanup,
  }) => {
    const previous = app.config.get('accounts.mailUnsent')
    app.config.set('accounts.mailUnsent', true)
    cleanup(() => app.config.set('accounts.mailUnsent', previous))

    const owner = await createUser('owner@example.com')
    const workspace = await createWorkspace({ user: owner, name: 'Acme', timezone: 'UTC' })
    const admin = await createUser('admin@example.com')
    const editor = await createUser('editor@example.com')
    await WorkspaceMember.create({ workspaceId: workspace.id, userId: admin.id, role: 'admin' })
    await WorkspaceMember.create({ workspaceId: workspace.id, userId: editor.id, role: 'editor' })

    const seen = async (user: User) => {
      const page = await client.get(`/w/${workspace.slug}/calendar`).loginAs(user).withInertia()
      page.assertStatus(200)
      return (page.body() as { props: { mailUnsent: boolean } }).props.mailUnsent
    }
    assert.isTrue(await seen(owner))
    assert.isTrue(await seen(admin))
    assert.isFalse(await seen(editor))

    app.config.set('accounts.mailUnsent', false)
    assert.isFalse(await seen(owner))
  })
})
