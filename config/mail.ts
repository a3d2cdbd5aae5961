import env from '#start/env'
import { defineConfig, transports } from '@adonisjs/mail'
import { dataPath } from '#config/paths'
import { OutboxTransport } from '#mails/outbox_transport'

/** Folder where the `outbox` mailer writes each message as JSON (dev and tests). */
export const outboxFolder = () =>
  dataPath(env.get('NODE_ENV') === 'test' ? 'outbox-test' : 'outbox')

const mailConfig = defineConfig({
  default: env.get('MAIL_MAILER', 'outbox'),
  from: {
    address: env.get('MAIL_FROM_ADDRESS', 'no-reply@pistache.local'),
    name: env.get('MAIL_FROM_NAME', 'Pistache Postiz'),
  },
  mailers: {
    outbox: () => new OutboxTransport(outboxFolder()),
    smtp: transports.smtp({
      host: env.get('SMTP_HOST', '127.0.0.1'),
      port: env.get('SMTP_PORT', 587),
      ...(env.get('SMTP_USERNAME')
        ? {
            auth: {
              type: 'login' as const,
              user: env.get('SMTP_USERNAME')!,
              pass: env.get('SMTP_PASSWORD')!.release(),
            },
          }
        : {}),
    }),
  },
})

export default mailConfig

declare module '@adonisjs/mail/types' {
  export interface MailersList extends InferMailers<typeof mailConfig> {}
}
