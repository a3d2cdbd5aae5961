import type Workspace from '#models/workspace'
import type { HourCycle } from '#services/workspaces/clock_conventions'

export interface UpdateWorkspaceInput {
  name: string
  timezone: string
  /** Left out: unchanged; null: back to the regional default. */
  weekStart?: number | null
  hourCycle?: HourCycle | null
}

/** Renames a workspace and/or changes its time zone; the slug stays, so shared links keep working. */
export async function updateWorkspace(workspace: Workspace, input: UpdateWorkspaceInput) {
  const previous = { name: workspace.name, timezone: workspace.timezone }
  workspace.merge(input)
  await workspace.save()
  return {
    renamed: previous.name !== workspace.name,
    timezoneChanged: previous.timezone !== workspace.timezone,
    previous,
  }
}
