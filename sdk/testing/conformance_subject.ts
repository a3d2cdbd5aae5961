import type { NetworkPlugin } from '../contract.js'
import type { FakeNetwork } from './fake_network.js'

/** What a plugin's tests hand the conformance kit: the plugin, its fake and its quirks. */
export interface ConformanceSubject<O> {
  plugin: NetworkPlugin<O>
  startFake(): Promise<FakeNetwork>
  /** Options that make a post valid on this network (board, title, privacy…). */
  validOptions: O
  /** Options lacking a required option, for networks that have one. */
  missingRequiredOption?: O
  /**
   * Networks that refresh only a token that is still valid (Threads, Instagram Login):
   * the refresh test then refreshes a two-day-old live token instead of an expired one.
   */
  refreshWhileValid?: boolean
  /**
   * The request whose answer, when lost, leaves the outcome truly unknown (the one that
   * creates the post). Defaults to any request on the fake's publishPath.
   */
  ambiguousRequest?: { method: string; path: string }
  /**
   * Options laid over validOptions when listing account-sourced choices, where the fake
   * offers choices only for some values (Reddit flairs exist in one subreddit of its fake).
   */
  choiceOptions?: Partial<O>
  /**
   * The request that creates a follow-up part (a reply, a comment), where a lost answer leaves
   * the part's outcome unknown. Defaults to `ambiguousRequest`, else the fake's publishPath.
   */
  partRequest?: { method: string; path: string }
}
