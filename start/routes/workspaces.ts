/**
 * Workspaces, their members and invitations, and the workspace's main sections.
 * Everything under `/w/:workspace` passes the `workspace` middleware, which answers
 * 404 for a workspace the user is not a member of; each action then asks the policy.
 */
import router from '@adonisjs/core/services/router'
import { middleware } from '#start/kernel'

const WorkspacesController = () => import('#controllers/workspaces_controller')
const WorkspacePagesController = () => import('#controllers/workspace_pages_controller')
const WorkspaceSettingsController = () => import('#controllers/workspace_settings_controller')
const MembersController = () => import('#controllers/members_controller')
const InvitationsController = () => import('#controllers/invitations_controller')

router
  .group(() => {
    router.get('/', [WorkspacesController, 'home']).as('home')
    router.get('/workspaces/new', [WorkspacesController, 'create']).as('workspaces.create')
    router.post('/workspaces', [WorkspacesController, 'store']).as('workspaces.store')
    router
      .post('/invitations/:token/accept', [InvitationsController, 'accept'])
      .as('invitations.accept')
  })
  .use(middleware.auth())

/** Open to guests: the invitee may not have an account yet. */
router.get('/invitations/:token', [InvitationsController, 'show']).as('invitations.show')

router
  .group(() => {
    router.get('/', [WorkspacePagesController, 'show']).as('show')

    router.get('/settings', [WorkspaceSettingsController, 'edit']).as('settings.edit')
    router.put('/settings', [WorkspaceSettingsController, 'update']).as('settings.update')
    router.delete('/', [WorkspaceSettingsController, 'destroy']).as('destroy')

    router.get('/members', [MembersController, 'index']).as('members.index')
    router
      .patch('/members/:member', [MembersController, 'update'])
      .as('members.update')
      .where('member', router.matchers.number())
    router
      .delete('/members/:member', [MembersController, 'destroy'])
      .as('members.destroy')
      .where('member', router.matchers.number())
    router.post('/leave', [MembersController, 'leave']).as('members.leave')

    router.post('/invitations', [InvitationsController, 'store']).as('invitations.store')
    router
      .post('/invitations/:invitation/resend', [InvitationsController, 'resend'])
      .as('invitations.resend')
      .where('invitation', router.matchers.number())
    router
      .delete('/invitations/:invitation', [InvitationsController, 'destroy'])
      .as('invitations.destroy')
      .where('invitation', router.matchers.number())
  })
  .prefix('/w/:workspace')
  .as('workspace')
  .use([middleware.auth(), middleware.workspace()])
