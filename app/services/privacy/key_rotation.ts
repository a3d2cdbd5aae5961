import app from '@adonisjs/core/services/app'
import db from '@adonisjs/lucid/services/db'
import { configProvider } from '@adonisjs/core'
import { Encryption } from '@adonisjs/core/encryption'

type EncryptionConfig = ConstructorParameters<typeof Encryption>[0]

/**
 * Two views of the configured keys: `current` holds only the first key (it encrypts, and
 * decrypting with it tells whether a value is already under it); `all` decrypts with any.
 */
export interface Keyring {
  current: Encryption
  all: Encryption
}

export async function keyringFromConfig(): Promise<Keyring> {
  const resolved = (await configProvider.resolve<{
    default?: string
    list: Record<string, EncryptionConfig>
  }>(app, app.config.get('encryption')))!
  const config = resolved.list[resolved.default ?? Object.keys(resolved.list)[0]]
  return {
    current: new Encryption({ driver: config.driver, keys: config.keys.slice(0, 1) }),
    all: new Encryption({ driver: config.driver, keys: config.keys }),
  }
}

/** The selected columns of a row holding a sealed secret. */
type SealedRow = Record<string, string | number>

/** Every column holding a sealed secret, with how its purpose (the binding) is derived from the row. */
const SEALED_COLUMNS = [
  {
    table: 'social_accounts',
    column: 'token_ciphertext',
    select: ['workspace_id', 'network', 'external_id'],
    purpose: (row: SealedRow) =>
      `social-token:${row.workspace_id}:${row.network}:${row.external_id}`,
  },
  {
    table: 'oauth_instance_apps',
    column: 'client_secret_ciphertext',
    select: ['network', 'instance_url'],
    purpose: (row: SealedRow) => `instance-app:${row.network}:${row.instance_url}`,
  },
] as const

export interface RotationReport {
  table: string
  column: string
  scanned: number
  rotated: number
  alreadyCurrent: number
  /** Decrypted by no configured key: left as they are and reported. */
  undecryptable: number
}

export interface RotationOptions {
  batchSize?: number
  dryRun?: boolean
  /** Called after each batch; throwing from it stops the run (tests use it to simulate an interruption). */
  onBatch?: (report: RotationReport) => void | Promise<void>
}

/**
 * Re-encrypts every stored secret under the current key. Walks each table by id in
 * batches; a value the current key already opens is skipped, so a run that is
 * interrupted can simply be started again. Each row is updated on its own with a
 * compare-and-set on the old ciphertext, so a token refreshed meanwhile is never
 * overwritten with a stale one.
 */
export async function rotateSecrets(
  keyring: Keyring,
  options: RotationOptions = {}
): Promise<RotationReport[]> {
  const batchSize = options.batchSize ?? 200
  const reports: RotationReport[] = []
  for (const spec of SEALED_COLUMNS) {
    const report: RotationReport = {
      table: spec.table,
      column: spec.column,
      scanned: 0,
      rotated: 0,
      alreadyCurrent: 0,
      undecryptable: 0,
    }
    reports.push(report)
    let lastId = 0
    for (;;) {
      const rows = await db
        .from(spec.table)
        .whereNotNull(spec.column)
        .where('id', '>', lastId)
        .orderBy('id')
        .limit(batchSize)
        .select(['id', spec.column, ...spec.select])
      if (!rows.length) break
      for (const row of rows) {
        report.scanned++
        const purpose = spec.purpose(row)
        const ciphertext = row[spec.column] as string
        if (keyring.current.decrypt(ciphertext, purpose) !== null) {
          report.alreadyCurrent++
          continue
        }
        const value = keyring.all.decrypt(ciphertext, purpose)
        if (value === null) {
          report.undecryptable++
          continue
        }
        if (!options.dryRun) {
          const resealed = keyring.current.encrypt(value, { purpose })
          await db
            .from(spec.table)
            .where('id', row.id)
            .where(spec.column, ciphertext)
            .update({ [spec.column]: resealed })
        }
        report.rotated++
      }
      lastId = rows[rows.length - 1].id
      await options.onBatch?.(report)
    }
  }
  return reports
}
