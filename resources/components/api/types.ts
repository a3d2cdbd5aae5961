/** Props of the API settings and import pages. Type aliases, not interfaces: Inertia checks page props against an index signature. */
export type TokenRow = {
  id: number
  name: string
  prefix: string
  scope: 'read' | 'write'
  createdAt: string
  lastUsedAt: string | null
  expiresAt: string | null
  revokedAt: string | null
}

export type WebhookRow = {
  id: number
  url: string
  events: string[]
  active: boolean
  createdAt: string
}

export type WebhookDeliveryRow = {
  id: number
  webhookId: number
  event: string
  status: 'pending' | 'delivered' | 'failed'
  attempts: number
  responseStatus: number | null
  lastError: string | null
  nextAttemptAt: string | null
  createdAt: string
}

export type ImportRow = {
  line: number
  text: string
  accountLabels: string[]
  at: string | null
  mediaUrls: string[]
  errors: { code: string; params?: Record<string, string | number> }[]
}

export type CreatedSecret = {
  id: number
  secret: string
}
