import { readdir, readFile, rm } from 'node:fs/promises'
import { join } from 'node:path'
import { setTimeout as sleep } from 'node:timers/promises'
import { outboxFolder } from '#config/mail'

/** A message as the outbox transport writes it (nodemailer's JSON transport). */
export interface OutboxMail {
  to: { address: string; name: string }[]
  from: { address: string; name: string }
  subject: string
  html: string
  text: string
}

/** Every message in the outbox, oldest first. */
export async function readOutbox(): Promise<OutboxMail[]> {
  const folder = outboxFolder()
  const files = (await readdir(folder).catch(() => [] as string[]))
    .filter((file) => file.endsWith('.json'))
    .sort()
  return Promise.all(
    files.map(async (file) => JSON.parse(await readFile(join(folder, file), 'utf8')))
  )
}

export async function clearOutbox() {
  // A mail queued by the previous test may be landing meanwhile (ENOTEMPTY): rm retries.
  await rm(outboxFolder(), { recursive: true, force: true, maxRetries: 5 })
}

/** Mails are queued (sent after the response): wait until one reaches the address, or fail. */
export async function waitForMail(address: string, timeoutMs = 5000) {
  const deadline = Date.now() + timeoutMs
  while (Date.now() < deadline) {
    const mail = (await readOutbox()).find((message) =>
      message.to.some((to) => to.address === address)
    )
    if (mail) return mail
    await sleep(25)
  }
  throw new Error(`no mail reached ${address} within ${timeoutMs} ms`)
}
