import type Post from '#models/post'
import type { ActorInput } from '#policies/actor'
import type Workspace from '#models/workspace'
import MediaAsset from '#models/media_asset'
import { createPost, type MediaInput } from '#actions/posts/create_post'
import { updatePost } from '#actions/posts/update_post'
import type { TargetCheck, TargetInput } from '#services/posts/check_targets'
import { dispatchPost, type Dispatch, type DispatchResult } from '#actions/posts/dispatch_post'
import { scheduleTime, type ScheduleTime } from '#services/posts/schedule_time'
import { partMediaIds, type PartInput } from '#services/posts/post_parts'

export type ComposeIntent = 'draft' | 'schedule' | 'queue' | 'publish' | 'submit'

export interface ComposeInput {
  workspace: Workspace
  actor: ActorInput
  /** The post being edited; absent for a new one. */
  post?: Post
  body: string
  targets: TargetInput[]
  media: MediaInput[]
  /** The shared follow-ups; targets may carry their own (TargetInput.parts). */
  parts?: PartInput[]
  intent: ComposeIntent
  at?: string
  /** For a new post: whether automatic signatures are added (see CreatePostInput). */
  signatures?: 'add' | 'as-sent'
}

export type ComposeResult =
  | { status: 'saved'; post: Post; checks: TargetCheck[] }
  | { status: 'dispatched'; post: Post; outcome: DispatchResult; time: ScheduleTime | null }
  | { status: 'bad_time'; time: Exclude<ScheduleTime, { status: 'ok' }> }
  | { status: 'unknown_media' }
  | {
      status:
        'forbidden' | 'not_editable' | 'publishing_started' | 'no_targets' | 'unknown_accounts'
    }

/**
 * The composer's submit: saves the post (new or edited), then does what the button asked.
 * The time is resolved first so a wrong time changes nothing; a post that fails its
 * networks' checks is still saved, as a draft, and the checks come back per target.
 */
export async function composePost(input: ComposeInput): Promise<ComposeResult> {
  const ids = [
    ...new Set([
      ...input.media.map((item) => item.mediaAssetId),
      ...partMediaIds(input.parts, input.targets),
    ]),
  ]
  if (ids.length) {
    // Ids from a form: only this workspace's ready assets may be attached.
    const owned = await MediaAsset.query()
      .where('workspace_id', input.workspace.id)
      .where('status', 'ready')
      .whereIn('id', ids)
      .select('id')
    if (owned.length !== ids.length) return { status: 'unknown_media' }
  }

  let time: ScheduleTime | null = null
  if (input.intent === 'schedule' || input.intent === 'queue') {
    time = await scheduleTime(input.workspace, { at: input.at, queue: input.intent === 'queue' })
    if (time.status !== 'ok') return { status: 'bad_time', time }
  }

  const saved = input.post
    ? await updatePost({
        post: input.post,
        actor: input.actor,
        body: input.body,
        targets: input.targets,
        media: input.media,
        parts: input.parts,
      })
    : await createPost({
        workspace: input.workspace,
        author: input.actor,
        body: input.body,
        targets: input.targets,
        media: input.media,
        parts: input.parts,
        signatures: input.signatures,
      })
  if (saved.status !== 'created' && saved.status !== 'updated') return { status: saved.status }
  if (input.intent === 'draft') return { status: 'saved', post: saved.post, checks: saved.checks }

  const action: Dispatch =
    time?.status === 'ok'
      ? { intent: 'schedule', at: time.at }
      : { intent: input.intent === 'publish' ? 'publish' : 'submit' }
  return {
    status: 'dispatched',
    post: saved.post,
    outcome: await dispatchPost(saved.post, input.actor, action),
    time,
  }
}
