import { ref, type Ref } from 'vue'
import { useI18n } from 'vue-i18n'
import type { MediaAssetView, UploadItem } from './types'
import { sendWithProgress } from './upload'

/**
 * Sending files and URLs to the media library, with a progress line per file: shared by the
 * Media page and the composer's media dialog so both apply the same server-side checks and
 * show the same verdicts. `onUploaded` gets each asset as soon as it is in.
 */
export function useUploads(input: {
  url: Ref<string>
  onUploaded: (asset: MediaAssetView) => void
  onSettled?: () => void
}) {
  const { t } = useI18n()
  const uploads = ref<UploadItem[]>([])
  const importing = ref(false)

  function track(name: string, bytes: number, progress: number) {
    uploads.value.unshift({ id: crypto.randomUUID(), name, bytes, progress, state: 'uploading' })
    // The reactive copy, so progress updates re-render.
    return uploads.value[0]
  }
  function succeed(entry: UploadItem, asset: MediaAssetView) {
    Object.assign(entry, { state: 'done', progress: 1, bytes: asset.bytes, name: asset.name })
    setTimeout(() => dismiss(entry.id), 4000)
    input.onUploaded(asset)
  }
  const fail = (entry: UploadItem, message?: string) =>
    Object.assign(entry, { state: 'failed', message: message ?? t('media.errors.network') })

  /** One request per file: each gets its own progress bar and its own verdict. */
  async function uploadFiles(files: File[]) {
    await Promise.all(
      files.map(async (file) => {
        const entry = track(file.name, file.size, 0)
        const form = new FormData()
        form.append('files', file, file.name)
        try {
          const { status, data } = await sendWithProgress(
            input.url.value,
            form,
            (fraction) => (entry.progress = fraction)
          )
          const asset = data?.uploaded?.[0]
          if (status >= 200 && status < 300 && asset) succeed(entry, asset)
          else fail(entry, data?.rejected?.[0]?.message)
        } catch {
          fail(entry)
        }
      })
    )
    input.onSettled?.()
  }

  async function importUrl(url: string) {
    importing.value = true
    const entry = track(url, 0, 0.5)
    try {
      const { status, data } = await sendWithProgress(`${input.url.value}/import`, { url })
      const asset = data?.uploaded?.[0]
      if (status >= 200 && status < 300 && asset) succeed(entry, asset)
      else fail(entry, data?.rejected?.[0]?.message)
    } catch {
      fail(entry)
    } finally {
      importing.value = false
      input.onSettled?.()
    }
  }

  function dismiss(id: string) {
    uploads.value = uploads.value.filter((item) => item.id !== id)
  }

  /** Files pasted from the clipboard (a screenshot, an image copied in another app). */
  function onPaste(event: ClipboardEvent) {
    const files = [...(event.clipboardData?.files ?? [])]
    if (!files.length) return
    event.preventDefault()
    void uploadFiles(files)
  }

  return { uploads, importing, uploadFiles, importUrl, dismiss, onPaste }
}
