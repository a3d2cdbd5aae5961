/**
 * Groups the same statement made by concurrent publish jobs into one round trip. A job calls
 * `run(item)` and gets its own answer back; items that arrive while `maxInFlight` batches are
 * already on their way wait and leave together with the next one, so the groups grow by
 * themselves when the database is the bottleneck and stay single (no added latency) when it is
 * not. A batch that fails is retried item by item (`single`), so one bad row — or a deadlock
 * between two workers' groups — costs its own job only, as before batching.
 *
 * Each item still carries its own compare-and-set condition: grouping changes how many
 * statements are sent, never which rows a statement may change.
 */
export class Batcher<Item, Answer> {
  #pending: { item: Item; resolve: (answer: Answer) => void; reject: (error: unknown) => void }[] =
    []
  #inFlight = 0
  #scheduled = false

  constructor(
    private readonly options: {
      /** Answers in the items' order. */
      many: (items: Item[]) => Promise<Answer[]>
      single: (item: Item) => Promise<Answer>
      maxSize?: number
      maxInFlight?: number
    }
  ) {}

  run(item: Item): Promise<Answer> {
    return new Promise<Answer>((resolve, reject) => {
      this.#pending.push({ item, resolve, reject })
      this.#schedule()
    })
  }

  #schedule() {
    if (this.#scheduled || !this.#pending.length) return
    if (this.#inFlight >= (this.options.maxInFlight ?? 2)) return
    this.#scheduled = true
    // After the current I/O callbacks: the jobs woken by the same socket read join this group.
    setImmediate(() => {
      this.#scheduled = false
      void this.#flush()
    })
  }

  async #flush() {
    const group = this.#pending.splice(0, this.options.maxSize ?? 200)
    if (!group.length) return
    this.#inFlight++
    try {
      if (group.length === 1) {
        const [{ item, resolve, reject }] = group
        await this.options.single(item).then(resolve, reject)
        return
      }
      const answers = await this.options.many(group.map(({ item }) => item))
      group.forEach(({ resolve }, index) => resolve(answers[index]))
    } catch {
      await Promise.all(
        group.map(({ item, resolve, reject }) => this.options.single(item).then(resolve, reject))
      )
    } finally {
      this.#inFlight--
      this.#schedule()
    }
  }
}
