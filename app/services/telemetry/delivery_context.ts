import { addLogFields } from '#services/telemetry/log_context'
import { ATTR, tagCurrentSpan } from '#services/telemetry/spans'

export interface DeliveryIds {
  deliveryId: number
  postId?: number
  workspaceId?: number
}

/**
 * Marks the running job as handling this delivery: every later log line of the job carries
 * the ids, and so does its span (ids are attributes there, never metric labels).
 */
export function tagDelivery(ids: DeliveryIds) {
  addLogFields(ids)
  tagCurrentSpan({
    [ATTR.deliveryId]: ids.deliveryId,
    ...(ids.postId === undefined ? {} : { [ATTR.postId]: ids.postId }),
    ...(ids.workspaceId === undefined ? {} : { [ATTR.workspaceId]: ids.workspaceId }),
  })
}
