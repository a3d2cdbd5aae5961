import { computed } from 'vue'
import { usePage } from '@inertiajs/vue3'
import type { SharedProps } from './types'

/** Typed access to the shared props (user, workspace, flash…). */
export function useShared() {
  const page = usePage<SharedProps>()
  return {
    user: computed(() => page.props.user),
    workspace: computed(() => page.props.workspace),
    workspaces: computed(() => page.props.workspaces),
    flash: computed(() => page.props.flash),
    errors: computed(() => page.props.errors ?? {}),
    locale: computed(() => page.props.locale),
    mailUnsent: computed(() => page.props.mailUnsent),
    workersDown: computed(() => page.props.workersDown ?? false),
    unreadNotifications: computed(() => page.props.unreadNotifications ?? 0),
  }
}
