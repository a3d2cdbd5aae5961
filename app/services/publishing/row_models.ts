import type { LucidModel, LucidRow } from '@adonisjs/lucid/types/model'

/**
 * Models from database rows for the publish path, the same instances Lucid's
 * `$createFromAdapterResult` / `$consumeAdapterResult` + `$hydrateOriginals` make, for a
 * fraction of the CPU. A Lucid instance is a Proxy whose traps look the key up in the
 * model's columns and relations on every access — and Lucid's own hydration goes through
 * them four or five times per column (`$setAttribute`, `ensureIsntDeleted`, `$isDeleted`,
 * `$attributes`): hydrating the delivery, post and account of each delivery was ~40 % of a
 * publish worker's CPU in a burst (bench/pipeline_overhead.ts under --cpu-prof). Here each
 * column's `consume` runs as Lucid runs it, on a plain object, and the instance receives its
 * attributes and originals in one assignment each.
 */

interface ColumnReader {
  columnName: string
  attributeName: string
  consume?: (value: unknown, attributeName: string, model: LucidRow) => unknown
}

const readers = new WeakMap<LucidModel, ColumnReader[]>()

/** The model's columns (database name → attribute, consume), listed once per model. */
export function columnReaders(model: LucidModel): ColumnReader[] {
  let list = readers.get(model)
  if (!list) {
    model.boot()
    list = [...model.$columnsDefinitions].map(([attributeName, column]) => ({
      columnName: column.columnName,
      attributeName,
      consume: typeof column.consume === 'function' ? column.consume : undefined,
    }))
    readers.set(model, list)
  }
  return list
}

/** The row keys of each column under a prefix (`prefix__column`), built once: not a string per column per row. */
const prefixedKeys = new WeakMap<LucidModel, Map<string, string[]>>()
function keysOf(model: LucidModel, prefix: string) {
  const byPrefix = prefixedKeys.get(model) ?? new Map<string, string[]>()
  prefixedKeys.set(model, byPrefix)
  let keys = byPrefix.get(prefix)
  if (!keys)
    byPrefix.set(
      prefix,
      (keys = columnReaders(model).map(({ columnName }) =>
        prefix ? `${prefix}__${columnName}` : columnName
      ))
    )
  return keys
}

const isPlainValue = (value: unknown): value is object =>
  value !== null &&
  typeof value === 'object' &&
  (Array.isArray(value) || Object.getPrototypeOf(value) === Object.prototype)

/**
 * The attributes a row gives, consumed as Lucid would (`prefix__column` keys when `prefix` is
 * given: one joined row holding several tables), and their originals as `$hydrateOriginals`
 * keeps them: a copy deep enough that changing a JSON column's object in place still shows as
 * dirty (luxon values are immutable and shared, as Lucid shares them). A JSON column read as
 * text is consumed twice for its copy — cheaper than cloning the object. Columns absent from
 * the row are left out.
 */
function consumed(
  model: LucidModel,
  instance: LucidRow,
  row: Record<string, unknown>,
  prefix = ''
) {
  const attributes: Record<string, unknown> = {}
  const originals: Record<string, unknown> = {}
  const columns = columnReaders(model)
  const keys = keysOf(model, prefix)
  for (const [index, { attributeName, consume }] of columns.entries()) {
    const raw = row[keys[index]]
    if (raw === undefined && !(keys[index] in row)) continue
    const value = consume ? consume(raw, attributeName, instance) : raw
    attributes[attributeName] = value
    originals[attributeName] = !isPlainValue(value)
      ? value
      : consume && !isPlainValue(raw)
        ? consume(raw, attributeName, instance)
        : structuredClone(value)
  }
  return { attributes, originals }
}

/** A persisted model from a row (or from the `prefix__` columns of a joined row). */
export function modelFromRow<M extends LucidModel>(
  model: M,
  row: Record<string, unknown>,
  prefix = ''
): InstanceType<M> {
  const instance = new model() as InstanceType<M>
  const { attributes, originals } = consumed(model, instance, row, prefix)
  instance.$attributes = attributes
  instance.$original = originals
  instance.$isPersisted = true
  instance.$isLocal = false
  return instance
}

/** A row the database returned for this model (an UPDATE … RETURNING), merged into it as its new originals. */
export function consumeRow(instance: LucidRow, row: Record<string, unknown>) {
  const model = instance.constructor as LucidModel
  const { attributes, originals } = consumed(model, instance, row)
  instance.$attributes = { ...instance.$attributes, ...attributes }
  instance.$original = { ...instance.$original, ...originals }
}
