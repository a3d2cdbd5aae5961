import { DateTime } from 'luxon'
import LibraryItem from '#models/library_item'
import Workspace from '#models/workspace'
import { accountVariables, type VariableAccount, type VariableValues } from '#sdk/text_variables'

/** The workspace's own variables (`link` and the custom ones), by name. */
export async function customVariables(workspaceId: number): Promise<Record<string, string>> {
  const rows = await LibraryItem.query()
    .where('workspace_id', workspaceId)
    .where('kind', 'variable')
    .select('name', 'body')
  return Object.fromEntries(rows.map((row) => [row.name, row.body]))
}

type VariableWorkspace = { id: number; name: string; timezone: string }

export interface VariableSubject {
  workspace: VariableWorkspace
  account: VariableAccount | null
  /** The instant the post is for: its scheduled time, else when its delivery was made. */
  instant: DateTime | null
}

/**
 * The values every account of the workspace shares. The date is the post's own day in the
 * workspace's zone (ISO, so it reads the same in every language), never "today": a retry the
 * next morning publishes the same text as the first attempt would have.
 */
export async function workspaceVariables(
  workspace: VariableWorkspace,
  instant: DateTime | null
): Promise<VariableValues> {
  return {
    ...(await customVariables(workspace.id)),
    client: workspace.name,
    date: instant ? instant.setZone(workspace.timezone).toISODate() : null,
  }
}

/** Every value a post's text may use on one account. */
export async function variableValues(subject: VariableSubject): Promise<VariableValues> {
  const shared = await workspaceVariables(subject.workspace, subject.instant)
  return accountVariables(shared, subject.account)
}

/**
 * The values of each account of a workspace for a post due at `instant`, the workspace's
 * part read once (the checks run per account, several times a second while typing). An
 * unscheduled post counts with today's date: every date has the same length.
 */
export async function variablesPerAccount(workspaceId: number, instant: DateTime | null) {
  const workspace = await Workspace.findOrFail(workspaceId)
  const shared = await workspaceVariables(workspace, instant ?? DateTime.utc())
  return (account: VariableAccount) => accountVariables(shared, account)
}
