// Runs after `npm ci --omit=dev` in the image build and removes what production never loads.
// npm still installs, as production packages:
//   - the optional peer dependencies of production packages (typescript for vue,
//     @adonisjs/assembler and @japa/browser-client with playwright for @adonisjs/auth, ts-morph…);
//   - vite (with rolldown, lightningcss, postcss), a required peer of @adonisjs/vite although
//     @adonisjs/vite loads it only to start its development server (`await import('vite')` in
//     createDevServer); in production it reads the built manifest.
// So this keeps exactly the packages reachable from the app's own dependencies through the
// lockfile (dependencies, optional dependencies, required peers), not through BUILD_ONLY, and
// removes every other installed one.
import { existsSync, readFileSync, rmSync } from 'node:fs'

const BUILD_ONLY = new Set(['vite'])
const { packages } = JSON.parse(readFileSync('package-lock.json', 'utf8'))

/** Node's resolution of `name` from the package at `from` (its node_modules, then its parents'). */
function resolve(from, name) {
  let base = from
  for (;;) {
    const candidate = `${base ? `${base}/` : ''}node_modules/${name}`
    if (packages[candidate]) return candidate
    if (!base) return null
    const cut = base.lastIndexOf('/node_modules/')
    base = cut < 0 ? '' : base.slice(0, cut)
  }
}

const reached = new Set()
function visit(path) {
  if (reached.has(path)) return
  reached.add(path)
  const meta = packages[path]
  const optionalPeers = meta.peerDependenciesMeta ?? {}
  const names = [
    ...Object.keys(meta.dependencies ?? {}),
    ...Object.keys(meta.optionalDependencies ?? {}),
    ...Object.keys(meta.peerDependencies ?? {}).filter((name) => !optionalPeers[name]?.optional),
  ]
  for (const name of names) {
    if (path !== '' && BUILD_ONLY.has(name)) continue
    const target = resolve(path, name)
    if (target) visit(target)
  }
}
// The root's devDependencies are not followed (only its dependencies and optional ones).
visit('')

const unreached = Object.keys(packages).filter(
  (path) => path.startsWith('node_modules/') && !reached.has(path) && existsSync(path)
)
for (const path of unreached) rmSync(path, { recursive: true, force: true })
console.log(`pruned ${unreached.length} packages production never loads`)
