import { randomUUID } from 'node:crypto'
import { mkdir, writeFile } from 'node:fs/promises'
import { join } from 'node:path'
import { JSONTransport } from '@adonisjs/mail/transports/json'
import type { MailTransportContract, NodeMailerMessage } from '@adonisjs/mail/types'

/**
 * Development and test transport: each message is written as a JSON file in a
 * folder, so a developer (or a test) can read exactly what would have been sent.
 */
export class OutboxTransport implements MailTransportContract {
  #json = new JSONTransport()

  constructor(private folder: string) {}

  async send(message: NodeMailerMessage) {
    const response = await this.#json.send(message)
    await mkdir(this.folder, { recursive: true })
    const file = `${Date.now()}-${randomUUID()}.json`
    await writeFile(join(this.folder, file), response.original.message)
    return response
  }
}
