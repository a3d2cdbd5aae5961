const METHODS = ['log', 'info', 'warn', 'error', 'debug', 'trace'] as const

/**
 * Collects what a plugin writes through `console` while a check runs (a plugin has no
 * logger of its own: the console is where its log lines would go), instead of printing it.
 */
export function captureConsole() {
  const captured: string[] = []
  const originals = METHODS.map((method) => [method, console[method]] as const)
  for (const method of METHODS) {
    console[method] = (...args: unknown[]) => {
      captured.push(args.map((arg) => (typeof arg === 'string' ? arg : safeJson(arg))).join(' '))
    }
  }
  return {
    captured,
    restore() {
      for (const [method, original] of originals) console[method] = original
    },
  }
}

function safeJson(value: unknown) {
  try {
    return value instanceof Error ? `${value.message}\n${value.stack}` : JSON.stringify(value)
  } catch {
    return String(value)
  }
}
