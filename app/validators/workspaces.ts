import vine, { errors } from '@vinejs/vine'
import { ROLES } from '#services/roles'
import { HOUR_CYCLES, WEEK_STARTS } from '#services/workspaces/clock_conventions'

/** IANA zones the runtime knows, plus `UTC` (the column default), which Intl lists only as an alias. */
export const WORKSPACE_TIMEZONES: string[] = Array.from(
  new Set(['UTC', ...Intl.supportedValuesOf('timeZone')])
)

const workspaceName = () => vine.string().trim().minLength(2).maxLength(80)
const timezone = () => vine.string().in(WORKSPACE_TIMEZONES)
const role = () => vine.enum(ROLES)

export const createWorkspaceValidator = vine.create({
  name: workspaceName(),
  timezone: timezone(),
})

/** Week start and clock: a choice, or null to follow the workspace's region and the reader's language. */
export const updateWorkspaceValidator = vine.create({
  name: workspaceName(),
  timezone: timezone(),
  weekStart: vine
    .number()
    .in([...WEEK_STARTS])
    .nullable()
    .optional(),
  hourCycle: vine.enum(HOUR_CYCLES).nullable().optional(),
})

/** Deleting asks the user to type the workspace's name; the controller compares it. */
export const deleteWorkspaceValidator = vine.create({
  confirmation: vine.string().trim().maxLength(120),
})

/** Addresses are compared lower-cased, as accounts store them. */
export const inviteMemberValidator = vine.create({
  email: vine.string().trim().maxLength(254).email().toLowerCase(),
  role: role(),
})

export const changeRoleValidator = vine.create({
  role: role(),
})

/** A failure found after validation, shown next to the field it concerns. */
export function fieldError(field: string, message: string, rule = 'invalid') {
  return new errors.E_VALIDATION_ERROR([{ field, message, rule }])
}
