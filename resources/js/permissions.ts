import { computed } from 'vue'
import { permissionsOf } from '../../app/services/roles'
import { useShared } from './use_shared'

/**
 * What the signed-in member may do in the current workspace, for showing or hiding buttons:
 * the same permissionsOf(role) the server's policies decide with (which still check every
 * request), so no page compares role names. Outside a workspace, nothing.
 */
export function usePermissions() {
  const { workspace } = useShared()
  const none = Object.fromEntries(
    Object.keys(permissionsOf('viewer')).map((permission) => [permission, false])
  ) as ReturnType<typeof permissionsOf>
  return computed(() => (workspace.value ? permissionsOf(workspace.value.role) : none))
}
