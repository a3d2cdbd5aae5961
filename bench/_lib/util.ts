/** Small helpers shared by the benchmarks: flags, percentiles, goals, bounded waits. */
import { setTimeout as sleep } from 'node:timers/promises'

/** `--name=value` flags (and bare `--name` as "true"). */
export function flags(argv = process.argv.slice(2)) {
  const out: Record<string, string> = {}
  for (const arg of argv) {
    const match = /^--([\w-]+)(?:=(.*))?$/.exec(arg)
    if (match) out[match[1]] = match[2] ?? 'true'
  }
  return {
    num: (name: string, fallback: number) =>
      out[name] !== undefined ? Number(out[name]) : fallback,
    str: (name: string, fallback: string) => out[name] ?? fallback,
    bool: (name: string) => out[name] === 'true' || out[name] === '1',
    raw: out,
  }
}

export interface Summary {
  count: number
  p50: number
  p99: number
  max: number
  min: number
}

export function summarize(values: number[]): Summary {
  const sorted = [...values].sort((a, b) => a - b)
  const at = (q: number) =>
    sorted[Math.min(sorted.length - 1, Math.max(0, Math.ceil(q * sorted.length) - 1))] ?? Number.NaN
  return {
    count: sorted.length,
    p50: at(0.5),
    p99: at(0.99),
    max: sorted.at(-1) ?? Number.NaN,
    min: sorted[0] ?? Number.NaN,
  }
}

export const fmt = (n: number, digits = 1) => (Number.isFinite(n) ? n.toFixed(digits) : String(n))
export const ratio = (a: number, b: number) => (b === 0 ? (a === 0 ? 1 : Infinity) : a / b)

/** Goals checked at the end: the process exits 1 when any is missed. */
const goals: { name: string; ok: boolean; detail: string }[] = []
export function goal(name: string, ok: boolean, detail: string) {
  goals.push({ name, ok, detail })
  console.log(`  goal ${ok ? 'MET   ' : 'MISSED'} ${name}: ${detail}`)
}
export function finish() {
  const missed = goals.filter((g) => !g.ok)
  console.log(
    missed.length
      ? `\n${missed.length} goal(s) missed:\n${missed.map((g) => `  - ${g.name}: ${g.detail}`).join('\n')}`
      : '\nall goals met'
  )
  return missed.length ? 1 : 0
}

/** Polls `probe` until it returns a truthy value or `timeoutMs` passes (then throws). */
export async function waitUntil<T>(
  probe: () => Promise<T> | T,
  timeoutMs: number,
  stepMs = 50,
  what = 'condition'
): Promise<T> {
  const deadline = Date.now() + timeoutMs
  for (;;) {
    const value = await probe()
    if (value) return value
    if (Date.now() > deadline) throw new Error(`${what} not reached within ${timeoutMs} ms`)
    await sleep(stepMs)
  }
}

/** Runs `fn` over `items` with at most `limit` in flight. */
export async function pool<T>(
  items: T[],
  limit: number,
  fn: (item: T, index: number) => Promise<unknown>
) {
  let next = 0
  await Promise.all(
    Array.from({ length: Math.min(limit, items.length) }, async () => {
      while (next < items.length) {
        const index = next++
        await fn(items[index], index)
      }
    })
  )
}
