import { createHash } from 'node:crypto'
import { createReadStream, createWriteStream } from 'node:fs'
import { mkdir } from 'node:fs/promises'
import { dirname, join, normalize, sep } from 'node:path'
import { pipeline } from 'node:stream/promises'
import { Transform } from 'node:stream'
import yauzl from 'yauzl'
import yazl from 'yazl'

export async function sha256OfFile(path: string) {
  const hash = createHash('sha256')
  await pipeline(createReadStream(path), hash)
  return hash.digest('hex')
}

/** Writes `files` (entry name → file on disk) and then the given buffers, in that order. */
export async function writeZip(
  target: string,
  files: Map<string, string>,
  trailer: Map<string, Buffer>
) {
  await mkdir(dirname(target), { recursive: true })
  const zip = new yazl.ZipFile()
  const written = pipeline(zip.outputStream, createWriteStream(target, { mode: 0o600 }))
  // Already-compressed media gains nothing from deflate; the database dump does.
  for (const [name, path] of files)
    zip.addFile(path, name, { compress: !name.startsWith('media/') })
  for (const [name, buffer] of trailer) zip.addBuffer(buffer, name)
  zip.end()
  await written
}

/**
 * Extracts every entry of the archive under `folder` and returns each entry's SHA-256.
 * Entry names that would land outside `folder` (absolute, `..`) are refused by yauzl's own
 * checks and again here; nothing outside `folder` is written.
 */
export function extractZip(archive: string, folder: string): Promise<Map<string, string>> {
  return new Promise((resolve, reject) => {
    yauzl.open(archive, { lazyEntries: true, strictFileNames: true }, (openError, zip) => {
      if (openError) return reject(new Error(`cannot read the archive: ${openError.message}`))
      const hashes = new Map<string, string>()
      zip.on('error', (error: Error) => reject(new Error(`damaged archive: ${error.message}`)))
      zip.on('end', () => resolve(hashes))
      zip.on('entry', (entry: yauzl.Entry) => {
        if (entry.fileName.endsWith('/')) return zip.readEntry()
        const target = normalize(join(folder, entry.fileName))
        if (!target.startsWith(folder + sep)) {
          zip.close()
          return reject(new Error(`unsafe entry name in the archive: ${entry.fileName}`))
        }
        zip.openReadStream(entry, (streamError, stream) => {
          if (streamError) return reject(new Error(`damaged archive: ${streamError.message}`))
          const hash = createHash('sha256')
          const hashing = new Transform({
            transform(chunk, _encoding, done) {
              hash.update(chunk)
              done(null, chunk)
            },
          })
          mkdir(dirname(target), { recursive: true })
            .then(() => pipeline(stream, hashing, createWriteStream(target, { mode: 0o600 })))
            .then(() => {
              hashes.set(entry.fileName, hash.digest('hex'))
              zip.readEntry()
            })
            .catch((error: Error) => {
              zip.close()
              reject(new Error(`damaged archive (${entry.fileName}): ${error.message}`))
            })
        })
      })
      zip.readEntry()
    })
  })
}
