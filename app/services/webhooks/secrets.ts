import type Webhook from '#models/webhook'
import { openSecret, sealSecret } from '#services/token_vault'

/** Bound to the workspace: a ciphertext copied into another workspace's webhook does not open. */
const purposeOf = (workspaceId: number) => `webhook-secret:${workspaceId}`

export function sealWebhookSecret(workspaceId: number, secret: string) {
  return sealSecret(secret, purposeOf(workspaceId))
}

export function openWebhookSecret(webhook: Pick<Webhook, 'workspaceId' | 'secretCiphertext'>) {
  const secret = openSecret(webhook.secretCiphertext, purposeOf(webhook.workspaceId))
  if (!secret)
    throw new Error(
      `Webhook secret of workspace ${webhook.workspaceId} does not open (APP_KEY changed?)`
    )
  return secret
}
