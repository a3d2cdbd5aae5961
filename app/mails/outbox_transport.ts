import { randomUUID } from 'node:crypto'
import { chmod, mkdir, writeFile } from 'node:fs/promises'
import { join } from 'node:path'
import { JSONTransport } from '@adonisjs/mail/transports/json'
import type { MailTransportContract, NodeMailerMessage } from '@adonisjs/mail/types'

/**
 * Development and test transport: each message is written as a JSON file in a
 * folder, so a developer (or a test) can read exactly what would have been sent.
 * Messages hold live links (password resets, sign-up confirmations): the folder is
 * readable by the app's own user only (0700) and each file too (0600).
 */
export class OutboxTransport implements MailTransportContract {
  #json = new JSONTransport()

  constructor(private folder: string) {}

  async send(message: NodeMailerMessage) {
    const response = await this.#json.send(message)
    await mkdir(this.folder, { recursive: true, mode: 0o700 })
    // A folder made by an older version (or by hand) is tightened too.
    await chmod(this.folder, 0o700)
    const file = `${Date.now()}-${randomUUID()}.json`
    await writeFile(join(this.folder, file), response.original.message, { mode: 0o600 })
    return response
  }
}
