import vine from '@vinejs/vine'
import { PERIODS } from '#services/analytics/period'

const day = () =>
  vine
    .string()
    .trim()
    .regex(/^\d{4}-\d{2}-\d{2}$/)

/** `?period=7|30|90|custom[&from=yyyy-MM-dd&to=yyyy-MM-dd]`, for the page and its CSV alike. */
export const analyticsPeriodValidator = vine.create({
  period: vine.enum(PERIODS).optional(),
  from: day().optional().requiredWhen('period', '=', 'custom'),
  to: day().optional().requiredWhen('period', '=', 'custom'),
})
