import { computed, ref, watch, type ComputedRef } from 'vue'
import type { ComposerAccount, ComposerTarget, OptionValue } from './types'

/** The option values an account's fields start with when it is picked. */
function defaultsOf(account: ComposerAccount) {
  const options: Record<string, OptionValue> = {}
  for (const field of account.optionFields)
    if (field.default !== undefined) options[field.name] = field.default
  return options
}

/**
 * The composer's chosen accounts and which one is open: picking an account adds its target
 * (with its options' defaults), unpicking it removes it and closes its tab and preview.
 */
export function useComposerTargets(
  form: { targets: ComposerTarget[] },
  accountById: ComputedRef<Map<number, ComposerAccount>>
) {
  /** 'shared' edits the common text; an account id edits that account's variant and options. */
  const active = ref<'shared' | number>('shared')
  const previewId = ref<number | null>(null)
  // Opening an account's tab shows its preview too.
  watch(active, (id) => id !== 'shared' && (previewId.value = id))

  const selectedIds = computed(() => form.targets.map((target) => target.socialAccountId))
  const targetOf = (id: number) => form.targets.find((target) => target.socialAccountId === id)

  function toggle(id: number) {
    if (targetOf(id)) {
      form.targets = form.targets.filter((target) => target.socialAccountId !== id)
      if (active.value === id) active.value = 'shared'
      if (previewId.value === id) previewId.value = null
    } else {
      form.targets = [
        ...form.targets,
        { socialAccountId: id, text: null, options: defaultsOf(accountById.value.get(id)!) },
      ]
    }
  }
  return { active, previewId, selectedIds, targetOf, toggle }
}
