import vine from '@vinejs/vine'
import { INSTANT_PATTERN } from '#validators/api'

/**
 * MCP tool arguments, checked again with VineJS after the SDK's own schema check, so a tool
 * takes exactly what the REST API and the composer take.
 */
const id = () => vine.number().withoutDecimals().positive()
const DAY = /^\d{4}-\d{2}-\d{2}$/

/** When to publish: an instant with its offset, a wall-clock time in the workspace's zone, or the queue. */
export const mcpWhenValidator = vine.create({
  at: vine.string().trim().regex(INSTANT_PATTERN).optional(),
  localTime: vine
    .string()
    .trim()
    .regex(/^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}$/)
    .optional(),
  queue: vine.boolean().optional(),
})

export const mcpSearchValidator = vine.create({
  search: vine.string().trim().maxLength(200).optional(),
})

export const mcpSlotsValidator = vine.create({
  count: vine.number().withoutDecimals().range([1, 50]).optional(),
})

export const mcpAnalyticsValidator = vine.create({
  postId: id().optional(),
  period: vine.enum(['7', '30', '90', 'custom'] as const).optional(),
  from: vine.string().trim().regex(DAY).optional(),
  to: vine.string().trim().regex(DAY).optional(),
})
