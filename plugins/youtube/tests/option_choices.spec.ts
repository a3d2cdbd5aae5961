import { test } from '@japa/runner'
import youtube from '../index.js'
import { VIDEO_CATEGORIES } from '../fake/server.js'
import { connectedFake } from './helpers.js'

test.group('youtube: category choices', (group) => {
  let env: Awaited<ReturnType<typeof connectedFake>>
  group.each.setup(async () => {
    env = await connectedFake()
    return () => env.fake.close()
  })

  test('the assignable categories of videoCategories.list', async ({ assert }) => {
    const choices = await youtube.optionChoices!(env.account, 'categoryId', {})
    if (choices.status !== 'ok') return assert.fail(JSON.stringify(choices))
    assert.deepInclude(choices.value, { value: '22', label: 'People & Blogs' })
    assert.notDeepInclude(choices.value, { value: '18', label: 'Short Movies' })
    assert.lengthOf(choices.value, VIDEO_CATEGORIES.filter(([, , assignable]) => assignable).length)
  })

  test('a category id is digits', async ({ assert }) => {
    const issues = youtube.validate!({
      text: '',
      media: [],
      options: { title: 'T', categoryId: 'music' },
    })
    assert.deepInclude(issues, { code: 'option_invalid', params: { option: 'categoryId' } })
  })
})
