import type { FakeReply } from '#sdk/testing/fake_server'

export type ContainerStatus = 'IN_PROGRESS' | 'FINISHED' | 'ERROR' | 'EXPIRED' | 'PUBLISHED'

/** What the Instagram and Threads fakes keep of a media container; each adds its own fields. */
export interface FakeContainer {
  id: string
  altText: string | null
  carouselItem: boolean
  children: string[]
  status: ContainerStatus
  error: string | null
  /** Status reads left before processing ends. */
  pollsLeft: number
  /** The network downloads the media itself; the outcome (an error message, or null) decides FINISHED or ERROR. */
  download: Promise<string | null> | null
}

/** The containers of one fake account store. */
export class FakeContainers<Container extends FakeContainer> {
  #all = new Map<string, Container>()

  get(id: string) {
    return this.#all.get(id)
  }

  /** Keeps a new container and answers its id, as the create call does. */
  store(container: Container): FakeReply {
    this.#all.set(container.id, container)
    return { json: { id: container.id } }
  }

  /** A status read moves processing one step; at the last one the download's outcome decides. */
  async poll(container: Container) {
    if (container.status !== 'IN_PROGRESS') return
    container.pollsLeft = Math.max(0, container.pollsLeft - 1)
    const failure = container.pollsLeft === 0 ? await container.download : null
    if (failure) Object.assign(container, { status: 'ERROR', error: failure })
    else if (container.pollsLeft === 0) container.status = 'FINISHED'
  }

  /** The children of a carousel create call, when they are 2 to `max` finished carousel items that `belongs` accepts; else null. */
  carouselChildren(
    list: string | undefined,
    max: number,
    belongs: (child: Container) => boolean = () => true
  ): string[] | null {
    const children = (list ?? '').split(',').filter(Boolean)
    const valid = children.every((id) => {
      const child = this.#all.get(id)
      return !!child?.carouselItem && child.status === 'FINISHED' && belongs(child)
    })
    return children.length >= 2 && children.length <= max && valid ? children : null
  }
}

/**
 * Fetches media like Meta's crawler: the URL must answer 200 with the expected kind of file.
 * Returns why it failed: `unreachable` (error, other type, empty) or `not_mp4` (a video whose
 * bytes are no MP4/MOV container); null when the file is fine.
 */
export async function downloadProblem(
  url: string,
  kind: 'image' | 'video'
): Promise<'unreachable' | 'not_mp4' | null> {
  try {
    const response = await fetch(url, { signal: AbortSignal.timeout(5000) })
    const type = response.headers.get('content-type') ?? ''
    const bytes = new Uint8Array(await response.arrayBuffer())
    if (!response.ok || !type.startsWith(`${kind}/`) || !bytes.length) return 'unreachable'
    if (kind === 'video' && Buffer.from(bytes.subarray(4, 8)).toString('latin1') !== 'ftyp')
      return 'not_mp4'
    return null
  } catch {
    return 'unreachable'
  }
}
