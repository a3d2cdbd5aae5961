import env from '#start/env'
import app from '@adonisjs/core/services/app'
import { defineConfig, destination, targets } from '@adonisjs/core/logger'
import { redactText } from '#sdk/redact'
import { logFieldsMixin } from '#services/telemetry/log_context'

const loggerConfig = defineConfig({
  default: 'app',
  loggers: {
    app: {
      enabled: true,
      name: 'pistache-postiz',
      level: env.get('LOG_LEVEL', app.inTest ? 'warn' : 'info'),
      // Never let a secret reach a log line, whatever the caller passes: known fields are
      // censored, then every finished line (messages, error reports, stack traces) goes
      // through the project's one redaction (tokens in URLs, paths, JSON fields).
      redact: {
        paths: [
          'password',
          '*.password',
          'token',
          '*.token',
          '*.accessToken',
          '*.refreshToken',
          'headers.authorization',
          'headers.cookie',
        ],
        censor: '[redacted]',
      },
      // The job and delivery a line was written for (queue, jobId, deliveryId, postId,
      // workspaceId), whoever wrote it: see #services/telemetry/log_context.
      mixin: logFieldsMixin,
      hooks: { streamWrite: (line: string) => redactText(line) },
      // Production writes JSON lines to stdout from the process itself (asynchronous, flushed
      // on exit): a pino transport would run in a worker thread, a second V8 instance that
      // cost the web server and the worker 12–14 MB of memory each for nothing but that write.
      ...(app.inProduction
        ? { destination: destination({ dest: 1, sync: false }) }
        : { transport: { targets: targets().push(targets.pretty()).toArray() } }),
    },
  },
})

export default loggerConfig

declare module '@adonisjs/core/types' {
  export interface LoggersList extends InferLoggers<typeof loggerConfig> {}
}
