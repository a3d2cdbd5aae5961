import type { HttpContext } from '@adonisjs/core/http'
import NotFoundException from '#exceptions/not_found_exception'
import WorkspaceInvitation from '#models/workspace_invitation'
import { acceptInvitation } from '#actions/workspaces/accept_invitation'
import { findInvitationByToken, invitationState } from '#services/workspaces/invitation_tokens'
import { inviteMember } from '#actions/workspaces/invite_member'
import { resendInvitation } from '#actions/workspaces/resend_invitation'
import { revokeInvitation } from '#actions/workspaces/revoke_invitation'
import { auditRequest } from '#services/audit'
import { signupMode } from '#services/accounts/signup_policy'
import InvitationTransformer from '#transformers/invitation_transformer'
import { fieldError, inviteMemberValidator } from '#validators/workspaces'

/** Why an invitation link cannot be used, and the HTTP status that says so. */
const FAILURE_STATUS = { not_found: 404, expired: 410, used: 410, wrong_account: 403 } as const
type Failure = keyof typeof FAILURE_STATUS

export default class InvitationsController {
  async store(ctx: HttpContext) {
    const { email, role } = await ctx.request.validateUsing(inviteMemberValidator)
    await ctx.bouncer.with('WorkspacePolicy').authorize('invite', ctx.member, role)
    const result = await inviteMember({
      workspace: ctx.workspace,
      inviter: ctx.auth.getUserOrFail(),
      email,
      role,
    })
    if (result.status === 'already_member')
      throw fieldError('email', ctx.i18n.t('members.invite.alreadyMember'))
    await this.#audit(ctx, 'invitation.sent', result.invitation)
    ctx.session.flash('success', ctx.i18n.t('members.flash.invited', { email }))
    return ctx.response
      .redirect()
      .toRoute('workspace.members.index', { workspace: ctx.workspace.slug })
  }

  async resend(ctx: HttpContext) {
    const invitation = await this.#findPending(ctx)
    await ctx.bouncer.with('WorkspacePolicy').authorize('invite', ctx.member, invitation.role)
    await resendInvitation(invitation, ctx.workspace, ctx.auth.getUserOrFail())
    await this.#audit(ctx, 'invitation.resent', invitation)
    ctx.session.flash('success', ctx.i18n.t('members.flash.resent', { email: invitation.email }))
    return ctx.response
      .redirect()
      .toRoute('workspace.members.index', { workspace: ctx.workspace.slug })
  }

  async destroy(ctx: HttpContext) {
    const invitation = await this.#findPending(ctx)
    await ctx.bouncer.with('WorkspacePolicy').authorize('invite', ctx.member, invitation.role)
    await revokeInvitation(invitation)
    await this.#audit(ctx, 'invitation.revoked', invitation)
    ctx.session.flash('success', ctx.i18n.t('members.flash.revoked', { email: invitation.email }))
    return ctx.response
      .redirect()
      .toRoute('workspace.members.index', { workspace: ctx.workspace.slug })
  }

  /**
   * The page an invitation link opens. Signed-out visitors see the workspace and the
   * role with links to log in or sign up; a signed-in account with another address
   * learns nothing about the workspace.
   */
  async show({ params, auth, inertia, response }: HttpContext) {
    const invitation = await findInvitationByToken(String(params.token))
    const user = auth.user
    let failure: Failure | null = invitation ? this.#failureOf(invitation) : 'not_found'
    if (!failure && user && invitation!.email !== user.email.toLowerCase())
      failure = 'wrong_account'
    if (failure) {
      response.status(FAILURE_STATUS[failure])
      return inertia.render('invitations/show', { state: failure, invitation: null, token: null })
    }
    return inertia.render('invitations/show', {
      state: 'pending' as const,
      invitation: new InvitationTransformer(invitation!).forInvitee(),
      token: String(params.token),
      signupMode: signupMode(),
    })
  }

  async accept(ctx: HttpContext) {
    const result = await acceptInvitation(String(ctx.params.token), ctx.auth.getUserOrFail())
    if (result.status !== 'accepted') {
      ctx.response.status(FAILURE_STATUS[result.status])
      return ctx.inertia.render('invitations/show', {
        state: result.status,
        invitation: null,
        token: null,
      })
    }
    await auditRequest(ctx, {
      action: 'invitation.accepted',
      workspaceId: result.workspace.id,
      subjectType: 'invitation',
      subjectId: result.invitation.id,
      meta: { role: result.member.role },
    })
    ctx.session.flash(
      'success',
      ctx.i18n.t('invitations.flash.accepted', { name: result.workspace.name })
    )
    return ctx.response
      .redirect()
      .toRoute('workspace.calendar', { workspace: result.workspace.slug })
  }

  #failureOf(invitation: WorkspaceInvitation): Failure | null {
    const state = invitationState(invitation)
    return state === 'pending' ? null : state
  }

  /** Invitations of the current workspace not yet accepted: anything else is a 404. */
  async #findPending({ params, workspace }: HttpContext) {
    const invitation = await WorkspaceInvitation.query()
      .where('workspace_id', workspace.id)
      .where('id', params.invitation)
      .whereNull('accepted_at')
      .first()
    if (!invitation) throw new NotFoundException()
    return invitation
  }

  #audit(ctx: HttpContext, action: string, invitation: WorkspaceInvitation) {
    return auditRequest(ctx, {
      action,
      workspaceId: ctx.workspace.id,
      subjectType: 'invitation',
      subjectId: invitation.id,
      meta: { email: invitation.email, role: invitation.role },
    })
  }
}
