import { setTimeout as sleep } from 'node:timers/promises'
import { Result } from '@adonisjs/core/health'
import type { HealthCheckContract, HealthCheckResult } from '@adonisjs/core/types/health'

export interface TimedResult {
  ok: boolean
  latencyMs: number
  result: HealthCheckResult
}

/**
 * Runs one health check with a deadline and measures it. A check that hangs (a firewalled
 * database host) must not hang /health with it.
 */
export async function runTimed(
  check: HealthCheckContract,
  timeoutMs: number
): Promise<TimedResult> {
  const started = performance.now()
  const result = await Promise.race([
    check.run().catch((error: Error) => Result.failed(error).toJSON()),
    sleep(timeoutMs, undefined, { ref: false }).then(() =>
      Result.failed(`timed out after ${timeoutMs} ms`).toJSON()
    ),
  ])
  return {
    ok: result.status !== 'error',
    latencyMs: Math.round((performance.now() - started) * 10) / 10,
    result: 'toJSON' in result && typeof result.toJSON === 'function' ? result.toJSON() : result,
  }
}
