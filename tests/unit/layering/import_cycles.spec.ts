import { readdir, readFile } from 'node:fs/promises'
import { existsSync } from 'node:fs'
import { dirname, join, normalize, relative } from 'node:path'
import { test } from '@japa/runner'

/**
 * No import cycle between the app's modules: a cycle means two layers call each other
 * (a job and the service it runs), and ESM then hands one of them a half-initialised
 * module. Type-only imports and lazy `import()` do not count. Lucid models that name each
 * other in relations (`belongsTo(() => User)` / `hasMany(() => WorkspaceMember)`) are the
 * one accepted kind: the class is read lazily, after both modules are loaded.
 */
const ROOTS = ['app', 'sdk', 'plugins', 'start', 'config', 'providers', 'commands']

const root = process.cwd()
const aliases: Record<string, string> = JSON.parse(
  await readFile(join(root, 'package.json'), 'utf8')
).imports

async function sourceFiles(dir: string): Promise<string[]> {
  if (!existsSync(dir)) return []
  const entries = await readdir(dir, { withFileTypes: true, recursive: true })
  return entries
    .filter((entry) => entry.isFile() && /\.ts$/.test(entry.name) && !entry.name.endsWith('.d.ts'))
    .map((entry) => join(entry.parentPath, entry.name))
}

function resolve(specifier: string, from: string) {
  let target: string | null = null
  if (specifier.startsWith('.')) target = join(dirname(from), specifier)
  else if (specifier.startsWith('#')) {
    for (const [alias, path] of Object.entries(aliases)) {
      if (alias === specifier) target = join(root, path)
      else if (alias.endsWith('/*') && specifier.startsWith(alias.slice(0, -1)))
        target = join(root, path.replace('*', specifier.slice(alias.length - 1)))
      if (target) break
    }
  }
  if (!target) return null
  const base = normalize(target).replace(/\.js$/, '')
  return [`${base}.ts`, join(base, 'index.ts')].find((file) => existsSync(file)) ?? null
}

/** Runtime imports: `import x from`, `import { a } from` (unless every name is a type), `export … from`. */
function runtimeImports(source: string) {
  const found: string[] = []
  const pattern =
    /^\s*(?:import|export)\s+(?!type\b)([^'"]*?)\bfrom\s+['"]([^'"]+)['"]|^\s*import\s+['"]([^'"]+)['"]/gm
  for (const match of source.matchAll(pattern)) {
    if (match[3]) {
      found.push(match[3])
      continue
    }
    const clause = match[1]
    const names = /^\{([^}]*)\}\s*$/.exec(clause.trim())
    if (
      names &&
      names[1].split(',').every((name) => !name.trim() || name.trim().startsWith('type '))
    )
      continue
    found.push(match[2])
  }
  return found
}

/** Strongly connected groups of more than one file (Tarjan). */
function cycles(graph: Map<string, string[]>) {
  let counter = 0
  const index = new Map<string, number>()
  const low = new Map<string, number>()
  const stack: string[] = []
  const onStack = new Set<string>()
  const groups: string[][] = []
  const visit = (node: string) => {
    index.set(node, counter)
    low.set(node, counter++)
    stack.push(node)
    onStack.add(node)
    for (const next of graph.get(node) ?? []) {
      if (!index.has(next)) {
        visit(next)
        low.set(node, Math.min(low.get(node)!, low.get(next)!))
      } else if (onStack.has(next)) low.set(node, Math.min(low.get(node)!, index.get(next)!))
    }
    if (low.get(node) === index.get(node)) {
      const group: string[] = []
      let member: string
      do {
        member = stack.pop()!
        onStack.delete(member)
        group.push(member)
      } while (member !== node)
      if (group.length > 1) groups.push(group.map((file) => relative(root, file)).sort())
    }
  }
  for (const node of graph.keys()) if (!index.has(node)) visit(node)
  return groups
}

test.group('Import graph', () => {
  test('has no cycle, except Lucid models naming each other in relations', async ({ assert }) => {
    const files = (await Promise.all(ROOTS.map((dir) => sourceFiles(join(root, dir))))).flat()
    const graph = new Map<string, string[]>()
    for (const file of files) {
      const targets = runtimeImports(await readFile(file, 'utf8'))
        .map((specifier) => resolve(specifier, file))
        .filter((target): target is string => target !== null)
      graph.set(file, targets)
    }
    assert.isAbove(graph.size, 300, 'the source tree was read')
    const found = cycles(graph)
    const unexpected = found.filter(
      (group) => !group.every((file) => file.startsWith('app/models/'))
    )
    assert.deepEqual(unexpected, [], 'import cycles outside model relations')
  })
})
