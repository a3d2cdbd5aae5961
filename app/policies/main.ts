/** Lazily imported policies, keyed by name, for `bouncer.with('PostPolicy')`. */
export const policies = {
  WorkspacePolicy: () => import('#policies/workspace_policy'),
  PostPolicy: () => import('#policies/post_policy'),
  MediaPolicy: () => import('#policies/media_policy'),
  AccountPolicy: () => import('#policies/account_policy'),
  EvergreenPolicy: () => import('#policies/evergreen_policy'),
}
