import { symbols } from 'pino'
import logger from '@adonisjs/core/services/logger'

/**
 * Captures every line the app loggers write, at every level, as it leaves pino: after the
 * configured redaction, exactly what would reach the log file or collector. The logger
 * service (whose children are the requests' `ctx.logger`) and its named default logger
 * hold a pino each; both are tapped. Lines are kept instead of printed until `restore`.
 */
export function captureAppLog() {
  const lines: string[] = []
  const instances = [...new Set([logger.pino, logger.use().pino])]
  const undo = instances.map((pino) => {
    const stream = (pino as any)[symbols.streamSym] as { write(line: string): boolean }
    const write = stream.write
    const level = pino.level
    stream.write = (line: string) => {
      lines.push(line)
      return true
    }
    pino.level = 'trace'
    return () => {
      stream.write = write
      pino.level = level
    }
  })
  return { lines, restore: () => undo.forEach((restore) => restore()) }
}
