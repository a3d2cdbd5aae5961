import type { FakeReply, FakeRequest, FakeServer } from '#sdk/testing/fake_server'
import { FakeCommentStore, type StoredComment } from '#sdk/testing/fake_comments'
import type { CodegenParams } from '#sdk/testing/meta_codegen_params'
import { graphError, paramsOf } from './graph_replies.js'

/** Read parameters every Graph edge accepts; the codegen lists only the edge's own. */
const READ_PARAMS = ['fields', 'limit', 'after', 'before', 'access_token', 'appsecret_proof']

/** What one comment says, or Graph's refusal of the form that asked for it. */
export type CommentContent = Pick<StoredComment, 'text' | 'media'> | { refused: FakeReply }

/**
 * The `comments` edge of a Graph node as Facebook Page posts and Instagram media both have it:
 * POST /{object-id}/comments made by the account that owns the object (checked against the
 * node's Meta codegen, then the network's permission), GET of the edge lists them, and a comment
 * node read answers its fields and figures. What differs (the content a comment takes, ids,
 * order, field names) is each network's subclass.
 */
export abstract class FakeMetaComments {
  readonly store = new FakeCommentStore()

  /** The codegen of the commented node (PagePost, IGMedia), which checks the edge's parameters. */
  protected abstract readonly spec: CodegenParams
  /** The permission commenting needs, and Graph's refusal when the login lacks it. */
  protected abstract readonly permission: { name: string; refusal: () => FakeReply }
  /** The account (Page, IG user) owning the commented object, or null when there is none. */
  protected abstract ownerOf(objectId: string): string | null
  /** Null when the request's token may act for this account, else Graph's refusal. */
  protected abstract denied(request: FakeRequest, ownerId: string): FakeReply | null
  protected abstract granted(request: FakeRequest, permission: string): boolean
  /** Graph's answer to parameters the codegen does not know (its error type differs by node). */
  protected abstract invalidParams(problems: string[]): FakeReply
  /** Reads what the comment says (and shows) from the form. */
  protected abstract content(
    fields: Record<string, string>,
    ownerId: string
  ): CommentContent | Promise<CommentContent>
  protected abstract newCommentId(objectId: string): string
  /** The edge's page of comments, given oldest first, in the order and size the query asks. */
  protected abstract listed(
    oldestFirst: StoredComment[],
    query: Record<string, string>
  ): StoredComment[]
  /** A comment as the edge lists it. */
  protected abstract json(comment: StoredComment): Record<string, unknown>
  /** The counts a node read adds to the listed fields. */
  protected abstract figures(comment: StoredComment): Record<string, number>

  routes(s: FakeServer) {
    s.route('POST', '/:ver/:node/comments', (request) => this.#create(request))
    s.route('GET', '/:ver/:node/comments', (request) => this.#list(request))
  }

  /** A comment node read (`GET /{comment-id}`), or null when `id` is no comment. */
  read(request: FakeRequest, id: string): FakeReply | null {
    const comment = this.store.get(id)
    if (!comment) return null
    const denied = this.denied(request, comment.authorId)
    return denied ?? { json: { ...this.json(comment), ...this.figures(comment) } }
  }

  async #create(request: FakeRequest): Promise<FakeReply> {
    const objectId = request.params.node
    const owner = this.ownerOf(objectId)
    if (!owner) return missing(objectId)
    const fields = paramsOf(request)
    const problems = this.spec.check('POST', 'comments', fields)
    const denied =
      this.denied(request, owner) ?? (problems.length ? this.invalidParams(problems) : null)
    if (denied) return denied
    if (!this.granted(request, this.permission.name)) return this.permission.refusal()
    const content = await this.content(fields, owner)
    if ('refused' in content) return content.refused
    const comment = this.store.add({
      id: this.newCommentId(objectId),
      inReplyTo: objectId,
      authorId: owner,
      text: content.text,
      media: content.media,
    })
    return { json: { id: comment.id } }
  }

  #list(request: FakeRequest): FakeReply {
    const objectId = request.params.node
    const owner = this.ownerOf(objectId)
    if (!owner) return missing(objectId)
    const query = Object.fromEntries(request.query)
    const problems = this.spec.check(
      'GET',
      'comments',
      Object.fromEntries(Object.entries(query).filter(([key]) => !READ_PARAMS.includes(key)))
    )
    const denied =
      this.denied(request, owner) ?? (problems.length ? this.invalidParams(problems) : null)
    if (denied) return denied
    const list = this.listed(this.store.on(objectId), query)
    return { json: { data: list.map((comment) => this.json(comment)) } }
  }
}

/** Graph's answer about an object that does not exist (or that the token cannot see). */
const missing = (id: string) =>
  graphError(
    `(#100) Object with ID '${id}' does not exist, cannot be loaded due to missing permissions, or does not support this operation`,
    100,
    400,
    'GraphMethodException'
  )

/** A comment refused with Graph's error code 100 (invalid parameter). */
export const refusedParam = (message: string): CommentContent => ({
  refused: graphError(`(#100) ${message}`, 100),
})
