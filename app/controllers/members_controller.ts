import type { HttpContext } from '@adonisjs/core/http'
import NotFoundException from '#exceptions/not_found_exception'
import WorkspaceInvitation from '#models/workspace_invitation'
import WorkspaceMember from '#models/workspace_member'
import { changeMemberRole } from '#actions/workspaces/change_member_role'
import { removeMember } from '#actions/workspaces/remove_member'
import { auditRequest } from '#services/audit'
import InvitationTransformer from '#transformers/invitation_transformer'
import MemberTransformer from '#transformers/member_transformer'
import { changeRoleValidator } from '#validators/workspaces'

export default class MembersController {
  async index({ bouncer, member, workspace, inertia }: HttpContext) {
    const policy = bouncer.with('WorkspacePolicy')
    await policy.authorize('view', member)
    const members = await WorkspaceMember.query()
      .where('workspace_id', workspace.id)
      .preload('user')
      .orderBy('id')
    const owners = members.filter((row) => row.role === 'owner').length
    const rows = await Promise.all(
      members.map(async (row) =>
        new MemberTransformer(row, {
          isYou: row.id === member.id,
          canManage: row.id !== member.id && (await policy.allows('changeMember', member, row)),
          isLastOwner: row.role === 'owner' && owners === 1,
        }).toObject()
      )
    )
    // Invitees' addresses are for the people who manage members.
    const invitations = (await policy.allows('manageMembers', member))
      ? await WorkspaceInvitation.query()
          .where('workspace_id', workspace.id)
          .whereNull('accepted_at')
          .preload('invitedBy')
          .orderBy('id', 'desc')
      : []
    return inertia.render('members/index', {
      members: rows,
      invitations: invitations.map((invitation) =>
        new InvitationTransformer(invitation).toObject()
      ),
    })
  }

  async update(ctx: HttpContext) {
    const target = await this.#findMember(ctx)
    const { role } = await ctx.request.validateUsing(changeRoleValidator)
    await ctx.bouncer.with('WorkspacePolicy').authorize('changeMember', ctx.member, target, role)
    const result = await changeMemberRole(target, role)
    if (result.status === 'last_owner') {
      ctx.session.flash('error', ctx.i18n.t('members.flash.lastOwner'))
    } else if (result.status === 'changed') {
      await auditRequest(ctx, {
        action: 'member.role_changed',
        workspaceId: ctx.workspace.id,
        subjectType: 'user',
        subjectId: target.userId,
        meta: { from: result.previousRole, to: role },
      })
      ctx.session.flash('success', ctx.i18n.t('members.flash.roleChanged'))
    }
    return ctx.response
      .redirect()
      .toRoute('workspace.members.index', { workspace: ctx.workspace.slug })
  }

  async destroy(ctx: HttpContext) {
    const target = await this.#findMember(ctx)
    await ctx.bouncer.with('WorkspacePolicy').authorize('changeMember', ctx.member, target)
    const result = await removeMember(target)
    if (result.status === 'last_owner') {
      ctx.session.flash('error', ctx.i18n.t('members.flash.lastOwner'))
    } else {
      await auditRequest(ctx, {
        action: 'member.removed',
        workspaceId: ctx.workspace.id,
        subjectType: 'user',
        subjectId: target.userId,
        meta: { role: target.role },
      })
      ctx.session.flash('success', ctx.i18n.t('members.flash.removed'))
    }
    return ctx.response
      .redirect()
      .toRoute('workspace.members.index', { workspace: ctx.workspace.slug })
  }

  /** Any member may leave, except the last owner. */
  async leave(ctx: HttpContext) {
    const result = await removeMember(ctx.member)
    if (result.status === 'last_owner') {
      ctx.session.flash('error', ctx.i18n.t('members.flash.lastOwnerLeave'))
      return ctx.response
        .redirect()
        .toRoute('workspace.members.index', { workspace: ctx.workspace.slug })
    }
    await auditRequest(ctx, {
      action: 'member.left',
      workspaceId: ctx.workspace.id,
      subjectType: 'user',
      subjectId: ctx.member.userId,
    })
    ctx.session.flash('success', ctx.i18n.t('members.flash.left', { name: ctx.workspace.name }))
    return ctx.response.redirect('/')
  }

  /** A member of the current workspace only: an id from elsewhere is a 404. */
  async #findMember({ params, workspace }: HttpContext) {
    const target = await WorkspaceMember.query()
      .where('workspace_id', workspace.id)
      .where('id', params.member)
      .first()
    if (!target) throw new NotFoundException()
    return target
  }
}
