import { dictionary } from '@zxcvbn-ts/language-common'

/** Every new password: at least this long (and at most 128, so hashing stays bounded). */
export const PASSWORD_MIN_LENGTH = 10
export const PASSWORD_MAX_LENGTH = 128

/**
 * The most common passwords of the public breach corpora (about 49,000 entries, the list
 * zxcvbn-ts ships as `passwords-common`), lower-cased. Read once, on first use.
 */
let commonPasswords: Set<string> | null = null
function commonPasswordSet() {
  commonPasswords ??= new Set(dictionary['passwords-common'].map((entry) => entry.toLowerCase()))
  return commonPasswords
}

/** Digits, spaces and punctuation that people wrap around a word to pass a length rule. */
const PADDING = /^[\d\W_]+|[\d\W_]+$/g

/**
 * True for a password found in the list, whatever its case, or that is a listed word with
 * digits or punctuation stuck around it ("Dragon2024!!", "123password"): the first guesses of
 * any dictionary attack.
 */
export function isCommonPassword(password: string) {
  const list = commonPasswordSet()
  const lower = password.toLowerCase()
  if (list.has(lower)) return true
  const core = lower.replace(PADDING, '')
  return core.length >= 3 && core !== lower && list.has(core)
}
