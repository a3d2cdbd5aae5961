/**
 * The four workspace roles, from most to least privileged, and what each may do.
 * Policies ask `can(role, permission)`; nothing else compares role names.
 */
export const ROLES = ['owner', 'admin', 'editor', 'viewer'] as const
export type Role = (typeof ROLES)[number]

const RANK: Record<Role, number> = { owner: 4, admin: 3, editor: 2, viewer: 1 }

/** The lowest role that holds each permission (least privilege: viewers only read). */
const MINIMUM_ROLE = {
  view: 'viewer',
  editContent: 'editor',
  approveContent: 'admin',
  manageChannels: 'admin',
  manageMembers: 'admin',
  manageSettings: 'admin',
  deleteWorkspace: 'owner',
} as const satisfies Record<string, Role>

export type Permission = keyof typeof MINIMUM_ROLE

export function can(role: Role, permission: Permission) {
  return RANK[role] >= RANK[MINIMUM_ROLE[permission]]
}

export function outranksOrEquals(role: Role, other: Role) {
  return RANK[role] >= RANK[other]
}

/** Roles a member may hand out: never above their own, and only owners create owners. */
export function assignableRoles(role: Role): Role[] {
  return ROLES.filter((candidate) => outranksOrEquals(role, candidate))
}

export function permissionsOf(role: Role) {
  return Object.fromEntries(
    (Object.keys(MINIMUM_ROLE) as Permission[]).map((permission) => [
      permission,
      can(role, permission),
    ])
  ) as Record<Permission, boolean>
}

/**
 * The lowest role whose API tokens may still use each scope. Only admins create tokens;
 * a token acts as its creator, so it is re-checked against the creator's current role on
 * every request: an admin demoted to editor keeps reading through a write token, no more.
 */
const TOKEN_SCOPE_MINIMUM_ROLE = { read: 'viewer', write: 'admin' } as const satisfies Record<
  string,
  Role
>

export type TokenScope = keyof typeof TOKEN_SCOPE_MINIMUM_ROLE

export function canUseTokenScope(role: Role, scope: TokenScope) {
  return RANK[role] >= RANK[TOKEN_SCOPE_MINIMUM_ROLE[scope]]
}
