import type WorkspaceInvitation from '#models/workspace_invitation'

/** Withdraws an invitation: its link then answers "unknown invitation". */
export async function revokeInvitation(invitation: WorkspaceInvitation) {
  await invitation.delete()
}
