/**
 * Where a `node --cpu-prof` run's CPU went: self time by function and by module, and the
 * inclusive share of the app's own functions, as % of the non-idle samples.
 *
 *   node --import=@poppinss/ts-exec bench/_lib/profile_summary.ts <file.cpuprofile>
 *        [--top=25] [--window=<from>-<to>,…]
 *
 * `--window` keeps only the samples taken in those spans (monotonic microseconds, the
 * profile's clock), e.g. the drains bench/pipeline_overhead.ts prints under --cpu-prof, so
 * booting, migrating and the raw baseline do not count in the pipeline's profile.
 */
import { readFileSync } from 'node:fs'
import { flags } from './util.js'

interface ProfileNode {
  id: number
  callFrame: { functionName: string; url: string; lineNumber: number }
  children?: number[]
}
interface Profile {
  nodes: ProfileNode[]
  samples: number[]
  timeDeltas: number[]
  startTime: number
}

const f = flags()
const file = process.argv.slice(2).find((arg) => !arg.startsWith('--'))
if (!file) throw new Error('usage: profile_summary.ts <file.cpuprofile> [--top=N] [--window=a-b,…]')
const top = f.num('top', 25)
const windows = (f.str('window', '') || '')
  .split(',')
  .filter(Boolean)
  .map((span) => span.split('-').map(Number))

const profile = JSON.parse(readFileSync(file, 'utf8')) as Profile
const nodes = new Map(profile.nodes.map((node) => [node.id, node]))
const parents = new Map<number, number>()
for (const node of profile.nodes)
  for (const child of node.children ?? []) parents.set(child, node.id)

/** A package name, `node:` core, or the project file the frame belongs to. */
function moduleOf(url: string) {
  if (!url) return '(native)'
  const pkg = /node_modules\/((@[^/]+\/)?[^/]+)/.exec(url)
  if (pkg) return pkg[1]
  if (url.startsWith('node:')) return 'node core'
  return /\/((app|bench|config|start|plugins|sdk)\/.*)$/.exec(url)?.[1] ?? url
}

const selfTime = new Map<string, number>()
const byModule = new Map<string, number>()
const inclusive = new Map<string, number>()
const add = (map: Map<string, number>, key: string) => map.set(key, (map.get(key) ?? 0) + 1)
let total = 0
let at = profile.startTime
profile.samples.forEach((id, index) => {
  at += profile.timeDeltas[index]
  if (windows.length && !windows.some(([from, to]) => at >= from && at <= to)) return
  const frame = nodes.get(id)!.callFrame
  if (frame.functionName === '(idle)') return
  total++
  add(
    selfTime,
    `${frame.functionName || '(anonymous)'} ${moduleOf(frame.url)}:${frame.lineNumber + 1}`
  )
  add(byModule, moduleOf(frame.url))
  const seen = new Set<string>()
  for (let cur: number | undefined = id; cur !== undefined; cur = parents.get(cur)) {
    const { functionName, url } = nodes.get(cur)!.callFrame
    if (!/\/(app|bench)\//.test(url) || url.includes('node_modules')) continue
    const key = `${functionName || '(anonymous)'} ${moduleOf(url)}`
    if (!seen.has(key)) (seen.add(key), add(inclusive, key))
  }
})

function show(title: string, counts: Map<string, number>, count = top) {
  console.log(`\n${title}`)
  for (const [name, n] of [...counts].sort((a, b) => b[1] - a[1]).slice(0, count))
    console.log(`${((100 * n) / total).toFixed(1).padStart(5)} %  ${name}`)
}
console.log(`${total} non-idle samples${windows.length ? ` in ${windows.length} window(s)` : ''}`)
show('self time by function', selfTime)
show('self time by module', byModule)
show("inclusive, the project's own functions", inclusive, top + 15)
