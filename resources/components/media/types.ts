/** An asset as the library page receives it (app/services/media/presenter.ts). */
export type MediaAssetView = {
  id: number
  kind: 'image' | 'video'
  name: string
  mimeType: string
  bytes: number
  width: number | null
  height: number | null
  durationSeconds: number | null
  altText: string | null
  status: 'processing' | 'ready' | 'failed'
  failureReason: string | null
  createdAt: string
  fileUrl: string
  thumbnailUrl: string | null
}

export type MediaLimits = {
  maxImageMb: number
  maxVideoMb: number
  maxVideoSeconds: number
  accept: string
}

export interface Rejection {
  name: string
  code: string
  message: string
  status: number
}

export interface UploadResult {
  uploaded: MediaAssetView[]
  rejected: Rejection[]
}

/** One file on its way up: its progress bar and, at the end, its outcome. */
export interface UploadItem {
  id: string
  name: string
  bytes: number
  progress: number
  state: 'uploading' | 'done' | 'failed'
  message?: string
}
