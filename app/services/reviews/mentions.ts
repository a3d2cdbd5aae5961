import User from '#models/user'
import WorkspaceMember from '#models/workspace_member'

/** The members a comment can mention: id and name, for the composer's suggestions too. */
export async function mentionableMembers(workspaceId: number) {
  const members = await WorkspaceMember.query().where('workspace_id', workspaceId).select('user_id')
  if (!members.length) return []
  const users = await User.query()
    .whereIn(
      'id',
      members.map((member) => member.userId)
    )
    .select('id', 'full_name')
    .orderBy('full_name')
  return users.map((user) => ({ id: user.id, name: user.fullName }))
}

const escape = (text: string) => text.replace(/[.*+?^${}()|[\]\\]/g, '\\$&')

/**
 * Members named in a comment as `@Full Name` (any case, not followed by another letter or
 * digit). Longer names are tried first so "@Ann Lee" is not read as "@Ann". Only members
 * of the workspace can be mentioned: a name typed for anyone else is plain text.
 */
export async function findMentions(workspaceId: number, body: string) {
  const members = (await mentionableMembers(workspaceId)).sort(
    (a, b) => b.name.length - a.name.length
  )
  const found = new Set<number>()
  let rest = body
  for (const member of members) {
    const pattern = new RegExp(`@${escape(member.name)}(?![\\p{L}\\p{N}])`, 'giu')
    if (pattern.test(rest)) {
      found.add(member.id)
      rest = rest.replace(pattern, ' ')
    }
  }
  return [...found]
}
