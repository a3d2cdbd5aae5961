import { BaseTransformer } from '@adonisjs/core/transformers'
import type { WorkspaceActor } from '#policies/actor'
import PostPolicy from '#policies/post_policy'
import type { CalendarPostRow } from '#services/calendar/calendar_events'
import { MOVABLE_STATUSES } from '#actions/posts/reschedule_post'
import { awaitingClient } from '#services/reviews/client_gate'

/** The workspace a calendar shows, as far as its chips depend on it. */
type CalendarWorkspace = { id: number; clientApprovalRequired: boolean }

/** One post on the calendar: what its chip shows and whether the viewer may drag it. */
export default class CalendarTransformer extends BaseTransformer<CalendarPostRow> {
  constructor(
    row: CalendarPostRow,
    private viewer: WorkspaceActor,
    private workspace: CalendarWorkspace
  ) {
    super(row)
  }

  toObject() {
    const { resource: row, viewer, workspace } = this
    const target = { workspaceId: workspace.id, authorId: row.authorId }
    return {
      id: row.id,
      at: row.scheduledAt.toISOString(),
      status: row.status,
      excerpt: row.excerpt,
      movable:
        MOVABLE_STATUSES.includes(row.status) &&
        new PostPolicy().move(viewer.user, viewer.member, target),
      deliveries: row.deliveries,
      repeating: row.seriesId !== null,
      followUps: row.followUps,
      awaitingClient: awaitingClient(workspace, row),
    }
  }
}
