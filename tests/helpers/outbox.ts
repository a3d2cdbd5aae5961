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

/**
 * Mails are queued (sent after the response): wait until the outbox satisfies `done`, or fail.
 * The wait ends as soon as it does; the limit only matters on a machine busy with other work.
 */
export async function waitForOutbox(
  done: (mails: OutboxMail[]) => boolean,
  what: string,
  timeoutMs = 15_000
) {
  const deadline = Date.now() + timeoutMs
  while (Date.now() < deadline) {
    const mails = await readOutbox()
    if (done(mails)) return mails
    await sleep(25)
  }
  throw new Error(`${what} within ${timeoutMs} ms`)
}

/** Wait until one mail reaches the address, or fail. */
export async function waitForMail(address: string, timeoutMs = 15_000) {
  const reached = (mail: OutboxMail) => mail.to.some((to) => to.address === address)
  const mails = await waitForOutbox(
    (all) => all.some(reached),
    `no mail reached ${address}`,
    timeoutMs
  )
  return mails.find(reached)!
}
