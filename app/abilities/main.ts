/**
 * Abilities that are not about one resource. Workspace-scoped decisions live in
 * policies (app/policies), which read the member's role.
 */
export {}
