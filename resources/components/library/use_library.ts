import { ref, type Ref } from 'vue'
import type { LibraryItemRow, LibraryPickerData } from './types'

const cache = new Map<string, Ref<LibraryPickerData | null>>()

/**
 * The workspace's library for the composer's pickers and previews, fetched once per page
 * (LibraryController.picker) and shared by the components that need it.
 */
export function useLibrary(url: string) {
  let data = cache.get(url)
  if (!data) {
    data = ref<LibraryPickerData | null>(null)
    cache.set(url, data)
    const target = data
    fetch(url, { headers: { accept: 'application/json' }, credentials: 'same-origin' })
      .then((response) => (response.ok ? response.json() : null))
      .then((json: LibraryPickerData | null) => (target.value = json))
      .catch(() => (target.value = null))
  }
  const ofKind = (kind: LibraryItemRow['kind']) =>
    (data.value?.items ?? []).filter((item) => item.kind === kind)
  return { data, ofKind }
}
