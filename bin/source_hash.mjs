// Prints a hash of everything that goes into the production build: every source file (path and
// contents) under the current folder and the Node version. bin/start keeps it next to the build
// and skips `node ace build` while it is unchanged. Left out: what the build does not read
// (dependencies are covered by package-lock.json, a source file), its own output, run-time data,
// and the .env files (settings are read when the app starts, not built in).
//   node bin/source_hash.mjs        (from the project root)
import { createHash } from 'node:crypto'
import { readdirSync, readFileSync } from 'node:fs'
import { join } from 'node:path'

const skip = new Set([
  'node_modules',
  'build',
  'tmp',
  'data',
  '.tools',
  '.git',
  '.adonisjs',
  'coverage',
])
const hash = createHash('sha256').update(process.versions.node)
const walk = (folder) => {
  const entries = readdirSync(folder, { withFileTypes: true })
  for (const entry of entries.sort((a, b) => a.name.localeCompare(b.name))) {
    const path = join(folder, entry.name)
    if (entry.isDirectory()) {
      if (!skip.has(entry.name) && path !== join('public', 'assets')) walk(path)
    } else if (entry.isFile() && !entry.name.startsWith('.env')) {
      hash.update(path).update('\0').update(readFileSync(path)).update('\0')
    }
  }
}
walk('.')
console.log(hash.digest('hex'))
