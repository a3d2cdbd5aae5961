import vine from '@vinejs/vine'
import { ROLES } from '#services/roles'
import { newPasswordSchema } from '#validators/password'

/** `users:create`: the first admin or a scripted install. */
export const createUserValidator = vine.create({
  email: vine
    .string()
    .trim()
    .maxLength(254)
    .email()
    .toLowerCase()
    .unique({ table: 'users', column: 'email' }),
  fullName: vine.string().trim().minLength(1).maxLength(120),
  password: newPasswordSchema(),
  /** Name or slug of the workspace to join or create. */
  workspace: vine.string().trim().minLength(1).maxLength(80).optional(),
  role: vine.enum(ROLES).optional(),
})
