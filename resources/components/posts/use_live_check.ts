import { computed, onBeforeUnmount, ref, watch, type ComputedRef, type Ref } from 'vue'
import type { MediaItem } from '@sdk/contract'
import type { PartIssue } from '@sdk/parts'
import { xsrfToken } from '../../js/xsrf'
import { liveCheck, type LiveCheck } from './live_check'
import type { ComposerAccount, ComposerMedia, ComposerTarget, TargetChecks } from './types'
import type { ComposerPart } from '../threads/types'

/** Quiet time after the last change before the server is asked: about a pause in typing. */
export const SERVER_CHECK_DELAY_MS = 350

export type TargetCheck = LiveCheck & { target: ComposerTarget; account: ComposerAccount }
export type ServerCheckState = 'idle' | 'checking' | 'unavailable'

/**
 * What an issue is about, without its figures: the browser and the server may count the same
 * text one apart (ICU versions segment some emoji differently), and the same rule must not be
 * listed twice with two lengths. `what` and `option` tell apart rules sharing a code.
 */
const keyOf = (issue: PartIssue) =>
  `${issue.code}:${issue.part ?? 0}:${String(issue.params?.what ?? '')}:${String(issue.params?.option ?? '')}`

/** The server's issues that the browser's own check did not find for the same content: the plugins' rules. */
function extrasOf(server: PartIssue[], local: PartIssue[]) {
  const known = new Set(local.map(keyOf))
  return server.filter((issue) => !known.has(keyOf(issue)))
}

/**
 * The composer's checks, per selected account. The SDK's generic check runs in the browser on
 * every keystroke; ~350 ms after the last change the server runs what saving would (plugin
 * `validate` hooks included) and its extra findings are merged in, deduplicated. A newer
 * change aborts the request in flight; an answer replaces the previous one wholesale, so an
 * issue goes away as soon as the server stops reporting it. When the server cannot be reached
 * its findings are dropped (never shown stale) and `server` says so, once, quietly.
 */
export function useLiveCheck(input: {
  form: { body: string; targets: ComposerTarget[]; media: ComposerMedia[]; parts: ComposerPart[] }
  accounts: ComputedRef<Map<number, ComposerAccount>>
  /** The text as this account will publish it (variables filled in): what is measured. */
  expand: (account: ComposerAccount, text: string) => string
  media: ComputedRef<MediaItem[]>
  url: ComputedRef<string>
  enabled: ComputedRef<boolean>
  /** The saved post's findings, as the edit page got them. */
  initial: TargetChecks
}) {
  const local = computed(() =>
    input.form.targets.map((target) => {
      const account = input.accounts.value.get(target.socialAccountId)!
      const parts = input.form.parts.map(({ kind, text }) => ({
        kind,
        text: input.expand(account, text),
      }))
      return {
        target,
        account,
        ...liveCheck(
          account,
          input.expand(account, target.text ?? input.form.body),
          input.media.value,
          target.options,
          parts
        ),
      }
    })
  )
  const localIssues = () => new Map(local.value.map((check) => [check.account.id, check.issues]))

  /** Plugin-only findings per account id, from the server's latest answer. */
  const extras = ref(new Map<number, PartIssue[]>()) as Ref<Map<number, PartIssue[]>>
  const server = ref<ServerCheckState>('idle')
  const atStart = localIssues()
  extras.value = new Map(
    input.initial.map((entry) => [
      entry.socialAccountId,
      extrasOf(entry.issues as PartIssue[], atStart.get(entry.socialAccountId) ?? []),
    ])
  )

  const payload = computed(() =>
    JSON.stringify({
      body: input.form.body,
      targets: input.form.targets.map(({ socialAccountId, text, options }) => ({
        socialAccountId,
        text,
        options,
      })),
      media: input.form.media.map(({ mediaAssetId, altText }) => ({ mediaAssetId, altText })),
      // The follow-ups too: the server checks each part with the plugin's own rules.
      parts: input.form.parts.map(({ kind, text, media }) => ({
        kind,
        text,
        media: media.map(({ mediaAssetId, altText }) => ({ mediaAssetId, altText })),
      })),
    })
  )

  let timer: ReturnType<typeof setTimeout> | undefined
  let inFlight: AbortController | undefined

  async function ask(body: string, retried = false) {
    inFlight?.abort()
    const controller = (inFlight = new AbortController())
    // What the browser found for this very content, to keep only what the server adds to it.
    const sent = localIssues()
    server.value = 'checking'
    try {
      const response = await fetch(input.url.value, {
        method: 'POST',
        headers: {
          'accept': 'application/json',
          'content-type': 'application/json',
          'x-xsrf-token': xsrfToken(),
        },
        body,
        signal: controller.signal,
      })
      if (response.status === 429 && !retried) {
        const wait = Number(response.headers.get('retry-after') ?? 1) * 1000
        timer = setTimeout(() => ask(payload.value, true), wait)
        throw new Error('throttled')
      }
      if (!response.ok) throw new Error(`check: ${response.status}`)
      const answer: { checks: { socialAccountId: number; issues: PartIssue[] }[] } =
        await response.json()
      extras.value = new Map(
        answer.checks.map((entry) => [
          entry.socialAccountId,
          extrasOf(entry.issues, sent.get(entry.socialAccountId) ?? []),
        ])
      )
      server.value = 'idle'
    } catch {
      if (controller.signal.aborted) return
      extras.value = new Map()
      server.value = 'unavailable'
    }
  }

  watch(payload, (body) => {
    clearTimeout(timer)
    inFlight?.abort()
    if (!input.enabled.value || !input.form.targets.length) {
      extras.value = new Map()
      server.value = 'idle'
      return
    }
    timer = setTimeout(() => ask(body), SERVER_CHECK_DELAY_MS)
  })
  onBeforeUnmount(() => {
    clearTimeout(timer)
    inFlight?.abort()
  })

  const checks = computed<TargetCheck[]>(() =>
    local.value.map((check) => {
      const extra = extrasOf(extras.value.get(check.account.id) ?? [], check.issues)
      return { ...check, issues: [...check.issues, ...extra] }
    })
  )
  const checkOf = (id: number) => checks.value.find((check) => check.account.id === id)
  const blocking = computed(() => checks.value.some((check) => check.issues.length > 0))
  return { checks, checkOf, blocking, server }
}
