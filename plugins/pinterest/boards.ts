import { noChoicesFor, ok, type AccountContext, type OptionChoice, type Result } from '#sdk'
import { DIGITS } from './options.js'
import { apiHttp } from './urls.js'

interface Board {
  id: string
  name: string
  privacy?: string
}

const PAGE_SIZE = 250
/** Enough for any real account; stops a runaway bookmark loop. */
const MAX_PAGES = 20

/** The account's boards as choices for the `board` option (GET /boards, bookmark paging). */
export async function listBoards(ctx: AccountContext): Promise<Result<OptionChoice[]>> {
  const choices: OptionChoice[] = []
  let bookmark: string | null | undefined
  for (let page = 0; page < MAX_PAGES; page++) {
    const response = await apiHttp(ctx).send<{ items: Board[]; bookmark?: string | null }>({
      url: 'boards',
      query: { page_size: PAGE_SIZE, bookmark },
      bearer: ctx.token.accessToken,
    })
    if (response.status !== 'ok') return response
    for (const board of response.value.body.items) {
      choices.push({
        value: board.id,
        label: board.privacy === 'SECRET' ? `${board.name} (secret)` : board.name,
      })
    }
    bookmark = response.value.body.bookmark
    if (!bookmark) break
  }
  return ok(choices)
}

/** Sections of one board, for the optional `boardSection` option (GET /boards/{id}/sections). */
export async function listBoardSections(
  ctx: AccountContext,
  boardId: string
): Promise<Result<OptionChoice[]>> {
  const response = await apiHttp(ctx).send<{ items: { id: string; name: string }[] }>({
    url: `boards/${encodeURIComponent(boardId)}/sections`,
    query: { page_size: PAGE_SIZE },
    bearer: ctx.token.accessToken,
  })
  return response.status === 'ok'
    ? ok(response.value.body.items.map((s) => ({ value: s.id, label: s.name })))
    : response
}

/** The `optionChoices` hook: boards, and the sections of the chosen board (none until one is chosen). */
export async function pinterestOptionChoices(
  ctx: AccountContext,
  field: string,
  values: Record<string, unknown>
): Promise<Result<OptionChoice[]>> {
  if (field === 'board') return listBoards(ctx)
  if (field !== 'boardSection') return noChoicesFor(field)
  const board = typeof values.board === 'string' ? values.board : ''
  return DIGITS.test(board) ? listBoardSections(ctx, board) : ok([])
}
