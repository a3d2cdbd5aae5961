import { test } from '@japa/runner'
import { existsSync, readdirSync } from 'node:fs'
import { join } from 'node:path'
import { fileURLToPath } from 'node:url'
import {
  isAccountSourced,
  localText,
  validateOptions,
  type NetworkPlugin,
  type OptionField,
} from '#sdk'

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

test.group('SDK / option labels in the user’s language', () => {
  test('a `{ en, fr }` label is read in the user’s locale; plain text stays as it is', ({
    assert,
  }) => {
    const label = { en: 'Who can reply', fr: 'Qui peut répondre' }
    assert.equal(localText(label, 'fr'), 'Qui peut répondre')
    assert.equal(localText(label, 'fr-CA'), 'Qui peut répondre')
    assert.equal(localText(label, 'en'), 'Who can reply')
    assert.equal(localText(label, 'de'), 'Who can reply')
    assert.equal(localText('My board', 'fr'), 'My board')
  })

  test('every shipped plugin words its per-post options and their choices in English and French', async ({
    assert,
  }) => {
    const root = fileURLToPath(new URL('../../../plugins/', import.meta.url))
    let checked = 0
    for (const id of readdirSync(root)) {
      if (!existsSync(join(root, id, 'index.ts'))) continue
      const plugin = (await import(join(root, id, 'index.ts'))).default as NetworkPlugin
      for (const field of plugin.optionFields) {
        const labels = [
          field.label,
          ...(field.kind === 'select' ? field.choices : []).map((c) => c.label),
        ]
        for (const label of labels) {
          assert.isObject(label, `${id}.${field.name}: ${JSON.stringify(label)} is English only`)
          const { en, fr } = label as { en: string; fr: string }
          assert.isNotEmpty(en, `${id}.${field.name} has no English label`)
          assert.isNotEmpty(fr, `${id}.${field.name} has no French label`)
          // French typography: a narrow no-break space before : ; ! ?
          assert.notMatch(fr, /(?<!\u202f)[:;!?]/, `${id}.${field.name}: ${fr}`)
          checked++
        }
      }
    }
    assert.isAbove(checked, 50)
  })
})
