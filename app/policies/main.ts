/** Lazily imported policies, keyed by name, for `bouncer.with('WorkspacePolicy')`. */
export const policies = {
  WorkspacePolicy: () => import('#policies/workspace_policy'),
}
