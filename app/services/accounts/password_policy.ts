/** Every new password: at least this long (and at most 128, so hashing stays bounded). */
export const PASSWORD_MIN_LENGTH = 10
export const PASSWORD_MAX_LENGTH = 128

/**
 * The most common passwords of the public breach corpora (about 49,000 entries, the list
 * zxcvbn-ts ships as `passwords-common`), lower-cased. Loaded on the first password being
 * chosen, not at boot: it costs ~0.35 s and ~10 MB, which a process that never sees a new
 * password (the worker, most web requests) does not pay.
 */
let commonPasswords: Promise<Set<string>> | null = null
function commonPasswordSet() {
  commonPasswords ??= import('@zxcvbn-ts/language-common').then(
    ({ dictionary }) =>
      new Set(dictionary['passwords-common'].map((entry: string) => entry.toLowerCase()))
  )
  return commonPasswords
}

/** Digits, spaces and punctuation that people wrap around a word to pass a length rule. */
const PADDING = /^[\d\W_]+|[\d\W_]+$/g

/**
 * True for a password found in the list, whatever its case, or that is a listed word with
 * digits or punctuation stuck around it ("Dragon2024!!", "123password"): the first guesses of
 * any dictionary attack.
 */
export async function isCommonPassword(password: string) {
  const list = await commonPasswordSet()
  const lower = password.toLowerCase()
  if (list.has(lower)) return true
  const core = lower.replace(PADDING, '')
  return core.length >= 3 && core !== lower && list.has(core)
}
