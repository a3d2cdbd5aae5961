import { type DateTime } from 'luxon'
import LibraryItem from '#models/library_item'
import type { VariableValues } from '#sdk/text_variables'

/** The workspace's own variables (`link` and the custom ones), by name. */
export async function customVariables(workspaceId: number): Promise<Record<string, string>> {
  const rows = await LibraryItem.query()
    .where('workspace_id', workspaceId)
    .where('kind', 'variable')
    .select('name', 'body')
  return Object.fromEntries(rows.map((row) => [row.name, row.body]))
}

export interface VariableSubject {
  workspace: { id: number; name: string; timezone: string }
  account: { displayName: string; handle: string } | null
  /** The instant the post is for: its scheduled time, else when its delivery was made. */
  instant: DateTime | null
}

/**
 * Every value a post's text may use. The date is the post's own day in the workspace's
 * zone (ISO, so it reads the same in every language), never "today": a retry the next
 * morning publishes the same text as the first attempt would have.
 */
export async function variableValues(subject: VariableSubject): Promise<VariableValues> {
  const { workspace, account, instant } = subject
  return {
    ...(await customVariables(workspace.id)),
    client: workspace.name,
    account: account ? account.displayName || account.handle : null,
    date: instant ? instant.setZone(workspace.timezone).toISODate() : null,
  }
}
