// Runs after `npm ci --omit=dev` in the image build. npm still installs the optional peer
// dependencies of production packages (typescript for vue, @adonisjs/assembler and
// @japa/browser-client with playwright for @adonisjs/auth, ts-morph…), which production code never
// loads. The lockfile marks exactly those `devOptional` (needed by dev, or as an optional peer);
// real optional dependencies, such as sharp's platform binaries, are `optional` and stay.
import { readFileSync, rmSync } from 'node:fs'

const { packages } = JSON.parse(readFileSync('package-lock.json', 'utf8'))
const pruned = Object.entries(packages)
  .filter(([path, meta]) => path.startsWith('node_modules/') && meta.devOptional)
  .map(([path]) => path)
for (const path of pruned) rmSync(path, { recursive: true, force: true })
console.log(`pruned ${pruned.length} optional-peer packages`)
