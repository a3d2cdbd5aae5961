import { test } from '@japa/runner'
import { assignableRoles, can } from '#services/roles'

test.group('Roles', () => {
  test('viewers only read, editors write content, admins manage, owners delete', ({ assert }) => {
    assert.isTrue(can('viewer', 'view'))
    assert.isFalse(can('viewer', 'editContent'))
    assert.isTrue(can('editor', 'editContent'))
    assert.isFalse(can('editor', 'manageMembers'))
    assert.isTrue(can('admin', 'manageMembers'))
    assert.isFalse(can('admin', 'deleteWorkspace'))
    assert.isTrue(can('owner', 'deleteWorkspace'))
  })

  test('a member never hands out a role above their own', ({ assert }) => {
    assert.deepEqual(assignableRoles('admin'), ['admin', 'editor', 'viewer'])
    assert.deepEqual(assignableRoles('owner'), ['owner', 'admin', 'editor', 'viewer'])
    assert.deepEqual(assignableRoles('viewer'), ['viewer'])
  })
})
