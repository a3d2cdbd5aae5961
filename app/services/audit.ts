import type { HttpContext } from '@adonisjs/core/http'
import AuditLog from '#models/audit_log'
import { redactMeta } from '#services/logging/redaction'

export interface AuditEntry {
  action: string
  actorId?: number | null
  workspaceId?: number | null
  subjectType?: string
  subjectId?: string | number
  meta?: Record<string, unknown>
  ip?: string | null
}

/**
 * Records a sensitive action (role change, invitation, password reset…). The only way
 * audit rows are written: `meta` goes through the log redaction, so a credential passed
 * by mistake is masked rather than stored.
 */
export async function audit(entry: AuditEntry) {
  await AuditLog.create({
    action: entry.action,
    actorId: entry.actorId ?? null,
    workspaceId: entry.workspaceId ?? null,
    subjectType: entry.subjectType ?? null,
    subjectId: entry.subjectId === undefined ? null : String(entry.subjectId),
    meta: entry.meta ? (redactMeta(entry.meta) as Record<string, unknown>) : null,
    ip: entry.ip ?? null,
  })
}

/** The same, filling actor and IP from the request. */
export function auditRequest(ctx: HttpContext, entry: Omit<AuditEntry, 'actorId' | 'ip'>) {
  return audit({ ...entry, actorId: ctx.auth.user?.id ?? null, ip: ctx.request.ip() })
}
