import { test } from '@japa/runner'
import pinterest from '../index.js'
import { BOARDS, SECTIONS } from '../fake/server.js'
import { connectedFake } from './helpers.js'

test.group('pinterest: option choices', (group) => {
  let env: Awaited<ReturnType<typeof connectedFake>>
  group.each.setup(async () => {
    env = await connectedFake()
    return () => env.close()
  })

  test('board lists the account’s boards; boardSection the chosen board’s sections', async ({
    assert,
  }) => {
    const boards = await pinterest.optionChoices!(env.account, 'board', {})
    assert.deepEqual(
      boards.status === 'ok' && boards.value.map((choice) => choice.value),
      BOARDS.map((board) => board.id)
    )
    const sections = await pinterest.optionChoices!(env.account, 'boardSection', {
      board: BOARDS[0].id,
    })
    assert.deepEqual(sections, {
      status: 'ok',
      value: SECTIONS[BOARDS[0].id].map((s) => ({ value: s.id, label: s.name })),
    })
    assert.deepEqual(
      await pinterest.optionChoices!(env.account, 'boardSection', { board: BOARDS[1].id }),
      { status: 'ok', value: [] }
    )
  })

  test('no board chosen (or not a board id) means no sections and no request; other fields are refused', async ({
    assert,
  }) => {
    const before = env.fake.server.requests.length
    assert.deepEqual(await pinterest.optionChoices!(env.account, 'boardSection', {}), {
      status: 'ok',
      value: [],
    })
    assert.deepEqual(
      await pinterest.optionChoices!(env.account, 'boardSection', { board: '../pins' }),
      { status: 'ok', value: [] }
    )
    assert.equal(env.fake.server.requests.length, before)
    const title = await pinterest.optionChoices!(env.account, 'title', {})
    assert.equal(title.status === 'error' && title.code, 'unknown_option_field')
  })
})
