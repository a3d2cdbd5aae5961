import { shallowRef } from 'vue'

/** What a confirmation asks: the message, and the wording of its confirm button. */
export interface ConfirmRequest {
  message: string
  /** The action's own verb ("Disconnect", "Delete"); defaults to a generic "Confirm". */
  confirmLabel?: string
  /** Destructive actions get the danger style. Default true: most confirmations guard a removal. */
  danger?: boolean
}

interface PendingConfirm extends ConfirmRequest {
  resolve: (confirmed: boolean) => void
}

/** The one question on screen; the dialog mounted by the app layout shows it. */
export const pendingConfirm = shallowRef<PendingConfirm | null>(null)

/**
 * The app's replacement for `window.confirm()`: resolves true when the user confirms,
 * false when they cancel, press Escape or another question replaces this one.
 */
export function useConfirm() {
  return (request: ConfirmRequest) =>
    new Promise<boolean>((resolve) => {
      pendingConfirm.value?.resolve(false)
      pendingConfirm.value = { ...request, resolve }
    })
}
