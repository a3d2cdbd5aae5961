/** Props every page receives (see app/middleware/inertia_middleware.ts). */
import type { Permission, Role } from '../../app/services/roles'

export type { Role }

export type SharedProps = {
  errors: Record<string, string>
  /** Production mail is written to files, not sent (shown to owners and admins only). */
  mailUnsent: boolean
  flash: { success?: string; error?: string }
  locale: string
  /** No publishing worker is alive (same rule as /health): every signed-in page says so. */
  workersDown: boolean
  user: {
    id: number
    fullName: string
    email: string
    initials: string
    locale: string
    timezone: string
    /** Runs the install: the System area is shown (its routes check again). */
    isInstanceAdmin: boolean
  } | null
  workspaces: { slug: string; name: string; role: Role }[]
  workspace: {
    id: number
    slug: string
    name: string
    timezone: string
    weekStartSetting: number | null
    hourCycleSetting: 'h12' | 'h23' | null
    /** How dates read here: first day of the week (0 = Sunday) and 12/24 h. */
    clock: {
      weekStart: number
      hour12: boolean
      datePattern: string
      chosen: { weekStart: boolean; hourCycle: boolean }
    }
    role: Role
    /** The server's permissionsOf(role); pages ask usePermissions(), which computes the same. */
    can: Record<Permission, boolean>
    assignableRoles: Role[]
  } | null
  [key: string]: unknown
}
