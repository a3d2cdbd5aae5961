import { createWriteStream } from 'node:fs'
import { mkdir, rm } from 'node:fs/promises'
import { dirname } from 'node:path'
import { Readable } from 'node:stream'
import { finished, pipeline } from 'node:stream/promises'
import { DateTime } from 'luxon'
import yazl from 'yazl'
import i18nManager from '@adonisjs/i18n/services/main'
import type User from '#models/user'
import { datasetsFor, type Dataset } from '#services/privacy/inventory'

export const MANIFEST_VERSION = 1

export interface ManifestFile {
  path: string
  dataset: string
  format: 'json' | 'csv'
  records: number
  holds: string
  purpose: string
  recipients: string
  retention: string
}

export interface Manifest {
  version: number
  generatedAt: string
  subject: { id: number; email: string }
  controller: string
  files: ManifestFile[]
}

/**
 * Writes the GDPR export of `user` as a ZIP at `path`: every dataset as JSON (an array
 * of objects) and CSV (a header row, one line per record), and manifest.json describing
 * each file in the user's language. Rows are read page by page and streamed into the
 * archive, which is streamed to disk: memory stays flat however large the account.
 */
export async function writeExport(user: User, path: string) {
  await mkdir(dirname(path), { recursive: true })
  const datasets = await datasetsFor(user.id)
  const zip = new yazl.ZipFile()
  const written = pipeline(zip.outputStream, createWriteStream(path))
  const counts = new Map<string, number>()
  const streams: Readable[] = []
  for (const dataset of datasets) {
    const json = Readable.from(jsonChunks(dataset, counts))
    const csv = Readable.from(csvChunks(dataset))
    zip.addReadStream(json, `${dataset.id}.json`)
    zip.addReadStream(csv, `${dataset.id}.csv`)
    streams.push(json, csv)
  }
  try {
    // yazl archives entries in order as they are added; the manifest needs the final counts.
    await Promise.all(streams.map((stream) => finished(stream)))
    const manifest = manifestOf(user, datasets, counts)
    zip.addBuffer(Buffer.from(JSON.stringify(manifest, null, 2)), 'manifest.json')
    zip.end()
    await written
    return manifest
  } catch (error) {
    ;(zip.outputStream as unknown as Readable).destroy()
    await rm(path, { force: true })
    throw error
  }
}

function manifestOf(user: User, datasets: Dataset[], counts: Map<string, number>): Manifest {
  const i18n = i18nManager.locale(user.locale)
  const describe = (dataset: Dataset, format: 'json' | 'csv'): ManifestFile => ({
    path: `${dataset.id}.${format}`,
    dataset: dataset.id,
    format,
    records: counts.get(dataset.id) ?? 0,
    holds: i18n.t(`privacy.datasets.${dataset.id}.holds`),
    purpose: i18n.t(`privacy.datasets.${dataset.id}.purpose`),
    recipients: i18n.t(`privacy.datasets.${dataset.id}.recipients`),
    retention: i18n.t(`privacy.datasets.${dataset.id}.retention`),
  })
  return {
    version: MANIFEST_VERSION,
    generatedAt: DateTime.now().toUTC().toISO()!,
    subject: { id: user.id, email: user.email },
    controller: i18n.t('privacy.manifest.controller'),
    files: datasets.flatMap((dataset) => [describe(dataset, 'json'), describe(dataset, 'csv')]),
  }
}

async function* jsonChunks(dataset: Dataset, counts: Map<string, number>) {
  let records = 0
  yield '['
  for await (const page of dataset.pages()) {
    const lines = page.map((row) => JSON.stringify(plain(row, dataset.columns)))
    yield (records ? ',\n' : '\n') + lines.join(',\n')
    records += page.length
  }
  yield records ? '\n]\n' : ']\n'
  counts.set(dataset.id, records)
}

async function* csvChunks(dataset: Dataset) {
  yield dataset.columns.map(csvCell).join(',') + '\r\n'
  for await (const page of dataset.pages()) {
    yield page
      .map(
        (row) => dataset.columns.map((column) => csvCell(scalar(row[column]))).join(',') + '\r\n'
      )
      .join('')
  }
}

/** The row restricted to the dataset's columns, with dates as ISO strings and JSON text parsed. */
function plain(row: Record<string, unknown>, columns: string[]) {
  const out: Record<string, unknown> = {}
  for (const column of columns) {
    const value = row[column]
    if (value instanceof Date) out[column] = value.toISOString()
    else if (typeof value === 'string' && /^[[{]/.test(value)) out[column] = parseJson(value)
    else if (typeof value === 'bigint') out[column] = value.toString()
    else out[column] = value ?? null
  }
  return out
}

function parseJson(value: string) {
  try {
    return JSON.parse(value)
  } catch {
    return value
  }
}

function scalar(value: unknown): string {
  if (value === null || value === undefined) return ''
  if (value instanceof Date) return value.toISOString()
  if (typeof value === 'object') return JSON.stringify(value)
  return String(value)
}

/** RFC 4180: quoted when it holds a comma, quote or line break; quotes doubled. */
function csvCell(value: string) {
  return /[",\r\n]/.test(value) ? `"${value.replaceAll('"', '""')}"` : value
}
