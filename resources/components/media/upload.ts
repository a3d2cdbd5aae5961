import type { UploadResult } from './types'

function xsrfToken() {
  const match = document.cookie.match(/(?:^|;\s*)XSRF-TOKEN=([^;]+)/)
  return match ? decodeURIComponent(match[1]) : ''
}

/**
 * Sends a request with XMLHttpRequest rather than fetch: only XHR reports upload progress.
 * Resolves with the parsed JSON answer and its status, whatever the status.
 */
export function sendWithProgress(
  url: string,
  body: FormData | object,
  onProgress?: (fraction: number) => void
) {
  return new Promise<{ status: number; data: UploadResult | null }>((resolve, reject) => {
    const xhr = new XMLHttpRequest()
    xhr.open('POST', url)
    xhr.setRequestHeader('X-XSRF-TOKEN', xsrfToken())
    xhr.setRequestHeader('Accept', 'application/json')
    xhr.upload.onprogress = (event) => {
      if (event.lengthComputable) onProgress?.(event.loaded / event.total)
    }
    xhr.onload = () => {
      let data: UploadResult | null = null
      try {
        data = JSON.parse(xhr.responseText)
      } catch {
        data = null
      }
      resolve({ status: xhr.status, data })
    }
    xhr.onerror = () => reject(new Error('network'))
    if (body instanceof FormData) xhr.send(body)
    else {
      xhr.setRequestHeader('Content-Type', 'application/json')
      xhr.send(JSON.stringify(body))
    }
  })
}
