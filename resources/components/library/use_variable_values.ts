import type { Ref } from 'vue'
import {
  accountVariables,
  expandVariables,
  unknownVariables,
  type VariableAccount,
} from '@sdk/text_variables'
import { useLibrary } from './use_library'

/**
 * The workspace's `{{variables}}` as the composer shows and counts them: the values the
 * picker sent (the custom ones, `client`, today's date), the chosen day over today's, and
 * each account's name — through the SDK's accountVariables and expandVariables, the very
 * functions the publisher uses, so a preview reads as the network will.
 */
export function useVariableValues(pickerUrl: string, day: Ref<string | null>) {
  const { data } = useLibrary(pickerUrl)
  const valuesFor = (account: VariableAccount) =>
    accountVariables(
      { ...(data.value?.variables ?? {}), ...(day.value ? { date: day.value } : {}) },
      account
    )
  return {
    valuesFor,
    expandFor: (account: VariableAccount, text: string) =>
      expandVariables(text, valuesFor(account)),
    unknownFor: (account: VariableAccount, text: string) =>
      unknownVariables(text, valuesFor(account)),
  }
}
