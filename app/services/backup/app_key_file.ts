import { readFile, rename, writeFile } from 'node:fs/promises'
import { appKey, appKeyFile } from '#config/app'

/** What a restore does about the archive's APP_KEY, decided before anything changes. */
export type KeyPlan =
  | { action: 'keep' }
  | { action: 'write-file'; file: string; key: string }
  | { action: 'refuse'; reason: string }

/** The key this install encrypts with (from APP_KEY or its key file). */
export function currentAppKey() {
  return appKey.release()
}

/**
 * The archive's data (tokens, credentials) is encrypted with its APP_KEY. Same key: nothing
 * to do. This install keeps its key in the key file: that file gets the archive's key. The
 * key comes from the environment (.env): the restore cannot change it, so it is refused —
 * restoring would leave every stored token unreadable.
 */
export async function planKey(archivedKey: string): Promise<KeyPlan> {
  const key = archivedKey.trim()
  if (key === currentAppKey()) return { action: 'keep' }
  const fileKey = await readFile(appKeyFile, 'utf8').then(
    (text) => text.trim(),
    () => undefined
  )
  if (fileKey === currentAppKey()) return { action: 'write-file', file: appKeyFile, key }
  return {
    action: 'refuse',
    reason:
      'the backup was made with another APP_KEY than the one set in this environment (.env); ' +
      "its stored tokens could not be decrypted. Set APP_KEY to the archive's key (the entry " +
      '`app_key` in the archive) and run the restore again.',
  }
}

export async function writeKeyFile(file: string, key: string) {
  await writeFile(`${file}.restoring`, key, { mode: 0o600 })
  await rename(`${file}.restoring`, file)
}
