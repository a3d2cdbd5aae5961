import AppLayout from '../../layouts/app_layout.vue'
import BareLayout from '../../layouts/bare_layout.vue'

/**
 * A signed-in user keeps the normal shell (navigation, workspace, account); a guest gets the bare page.
 * An arrow function on purpose: Inertia only calls a layout with the page props when it has no prototype
 * (a `function` would be mounted as a functional component and print "[object Object]").
 */
export const errorLayout = (props: { user?: unknown }) => (props.user ? AppLayout : BareLayout)
