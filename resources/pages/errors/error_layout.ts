import AppLayout from '../../layouts/app_layout.vue'
import BareLayout from '../../layouts/bare_layout.vue'

/** A signed-in user keeps the normal shell (navigation, workspace, account); a guest gets the bare page. */
export function errorLayout(props: { user?: unknown }) {
  return props.user ? AppLayout : BareLayout
}
