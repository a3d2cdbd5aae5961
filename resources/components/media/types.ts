import type { Data } from '@generated/data'

/** An asset as the library page receives it (app/transformers/media_transformer.ts). */
export type MediaAssetView = Data.Media.Variants['forLibrary']

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
