import { test } from '@japa/runner'
import { checkPost } from '../check_post.js'
import { isAccountSourced } from '../options.js'
import type { KitHarness } from './conformance_harness.js'

/**
 * Options the account offers (boards, flairs, playlists) list choices the network accepts.
 */
export function optionsTests<O>(h: KitHarness<O>) {
  const { plugin } = h.subject

  test('account-sourced options list choices the network accepts', async ({ assert }) => {
    const fields = plugin.optionFields.filter(isAccountSourced)
    if (!fields.length)
      return assert.isUndefined(
        plugin.optionChoices,
        'optionChoices without an account-sourced field'
      )
    assert.isFunction(plugin.optionChoices, 'account-sourced fields need the optionChoices hook')
    const base = { ...h.subject.validOptions, ...h.subject.choiceOptions } as Record<
      string,
      unknown
    >
    for (const field of fields) {
      const choices = await plugin.optionChoices!(h.accountContext(), field.name, base)
      assert.equal(choices.status, 'ok', `${field.name}: ${JSON.stringify(choices)}`)
      if (choices.status !== 'ok') continue
      assert.isAbove(choices.value.length, 0, `${field.name} offers no choice`)
      for (const choice of choices.value)
        assert.isNotEmpty(choice.label, `${field.name} choice ${choice.value} has no label`)
      const ctx = h.publishContext({
        options: { ...base, [field.name]: choices.value[0].value } as O,
      })
      assert.deepEqual(
        checkPost(plugin, ctx.post, ctx.account),
        [],
        `${field.name}=${choices.value[0].value}`
      )
      assert.equal(
        (await h.publish(ctx)).status,
        'ok',
        `the network refused ${field.name}=${choices.value[0].value}`
      )
    }
  })
}
