/** What the privacy page receives (see PrivacyController.show). */
export type WorkspaceRef = {
  id: number
  name: string
  slug: string
}

export type ExportItem = {
  id: number
  status: 'pending' | 'ready' | 'failed'
  createdAt: string
  expiresAt: string
  sizeBytes: number | null
  downloadUrl: string | null
}

export type DeletionPlan = {
  deleted: WorkspaceRef[]
  left: WorkspaceRef[]
  blocking: WorkspaceRef[]
}
