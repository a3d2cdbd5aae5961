import { createHash } from 'node:crypto'

export const textHash = (text: string) => createHash('sha256').update(text.trim()).digest('hex')

/**
 * The text an account gets this time: variants rotate (the n-th send to an account starts at
 * variant n), and where the network refuses a repeated text, only a variant this account
 * has never been sent qualifies — none left means the account is skipped.
 */
export function pickVariant(input: {
  variants: string[]
  sentToAccount: number
  usedHashes: Set<string>
  refusesDuplicates: boolean
}): { text: string; hash: string } | null {
  const { variants } = input
  for (let step = 0; step < variants.length; step++) {
    const text = variants[(input.sentToAccount + step) % variants.length]
    const hash = textHash(text)
    if (input.refusesDuplicates && input.usedHashes.has(hash)) continue
    return { text, hash }
  }
  return null
}
