import { test } from '@japa/runner'
import { isAccountSourced, validateOptions, type OptionField } from '#sdk'

const board: OptionField = {
  name: 'board',
  kind: 'select',
  label: 'Board',
  required: true,
  choices: [],
  source: 'account',
}
const section: OptionField = {
  name: 'section',
  kind: 'select',
  label: 'Section',
  required: false,
  choices: [],
  source: 'account',
  dependsOn: ['board'],
}
const privacy: OptionField = {
  name: 'privacy',
  kind: 'select',
  label: 'Privacy',
  required: false,
  choices: [{ value: 'public', label: 'Public' }],
}

test.group('SDK / account-sourced options', () => {
  test('a value of an account-sourced select passes although the static choices are empty', ({
    assert,
  }) => {
    assert.deepEqual(
      validateOptions([board, section], { board: '1055245855751211520', section: '5001' }),
      []
    )
  })

  test('required-ness is still checked', ({ assert }) => {
    assert.deepEqual(validateOptions([board, section], {}), [
      { code: 'option_required', params: { option: 'board' } },
    ])
    assert.deepEqual(validateOptions([board], { board: '' }), [
      { code: 'option_required', params: { option: 'board' } },
    ])
  })

  test('a value that is not a string, or absurdly long, is invalid', ({ assert }) => {
    assert.deepEqual(validateOptions([board], { board: 42 }), [
      { code: 'option_invalid', params: { option: 'board' } },
    ])
    assert.deepEqual(validateOptions([board], { board: 'x'.repeat(257) }), [
      { code: 'option_invalid', params: { option: 'board' } },
    ])
  })

  test('static selects still refuse a value outside their choices', ({ assert }) => {
    assert.deepEqual(validateOptions([privacy], { privacy: 'secret' }), [
      { code: 'option_invalid', params: { option: 'privacy' } },
    ])
    assert.deepEqual(validateOptions([{ ...privacy, source: 'static' }], { privacy: 'public' }), [])
  })

  test('isAccountSourced tells the two kinds of select apart', ({ assert }) => {
    assert.isTrue(isAccountSourced(board))
    assert.isFalse(isAccountSourced(privacy))
    assert.isFalse(
      isAccountSourced({ name: 'title', kind: 'text', label: 'Title', required: false })
    )
  })
})
