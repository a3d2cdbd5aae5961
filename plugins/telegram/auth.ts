import {
  failed,
  ok,
  type AccountProfile,
  type CredentialsAuth,
  type HttpClient,
  type Result,
} from '#sdk'
import { apiHttp, method } from './urls.js'

/** Every Bot API answer: `ok` and a `result`, or `ok: false` with a description (then HTTP 4xx/5xx). */
export interface BotAnswer<T> {
  ok: boolean
  result: T
}

interface BotUser {
  id: number
  is_bot: boolean
  first_name: string
  username?: string
}

interface Chat {
  id: number
  type: 'private' | 'group' | 'supergroup' | 'channel'
  title?: string
  username?: string
}

interface ChatMember {
  status: 'creator' | 'administrator' | 'member' | 'restricted' | 'left' | 'kicked'
  can_post_messages?: boolean
}

/** `@name`, `t.me/name` or `https://t.me/name` as a username; a numeric id (`-100…`) as it is. */
export function chatIdOf(input: string) {
  const value = input
    .trim()
    .replace(/^https?:\/\//, '')
    .replace(/^t\.me\//, '')
  if (/^-?\d+$/.test(value)) return value
  const name = value.replace(/^@/, '')
  return /^[A-Za-z][A-Za-z0-9_]{3,31}$/.test(name) ? `@${name}` : null
}

/** Whether the bot may post there: a channel needs `can_post_messages`, a group only membership as admin. */
function canPost(chat: Chat, member: ChatMember) {
  if (member.status === 'creator') return true
  if (member.status !== 'administrator')
    return chat.type !== 'channel' && member.status === 'member'
  return chat.type !== 'channel' || member.can_post_messages === true
}

/** The chat the bot posts to, as the app shows it. */
async function chatProfile(
  http: HttpClient,
  token: string,
  chatId: string
): Promise<Result<AccountProfile>> {
  const me = await http.send<BotAnswer<BotUser>>({ url: method(token, 'getMe') })
  if (me.status === 'unauthorized') return failed(me.reason, false, 'login_refused')
  if (me.status !== 'ok')
    return failed(me.reason, me.status !== 'error' || me.retryable, 'server_unreachable')
  const chat = await http.send<BotAnswer<Chat>>({
    method: 'POST',
    url: method(token, 'getChat'),
    json: { chat_id: chatId },
  })
  if (chat.status === 'error' && chat.httpStatus === 400)
    return failed(chat.reason, false, 'chat_not_found')
  if (chat.status !== 'ok') return failed(chat.reason, false, 'profile_lookup_failed')
  const member = await http.send<BotAnswer<ChatMember>>({
    method: 'POST',
    url: method(token, 'getChatMember'),
    json: { chat_id: chat.value.body.result.id, user_id: me.value.body.result.id },
  })
  if (member.status !== 'ok') return failed(member.reason, false, 'profile_lookup_failed')
  const found = chat.value.body.result
  if (!canPost(found, member.value.body.result))
    return failed('the bot may not post in this chat', false, 'bot_not_admin')
  return ok({
    externalId: String(found.id),
    handle: found.username ? `@${found.username}` : (found.title ?? String(found.id)),
    displayName: found.title ?? found.username ?? String(found.id),
    avatarUrl: null,
    profileUrl: found.username ? `https://t.me/${found.username}` : null,
    meta: {
      chatId: found.id,
      chatType: found.type,
      chatUsername: found.username ?? null,
      botId: me.value.body.result.id,
      botUsername: me.value.body.result.username ?? null,
    },
  })
}

/**
 * A bot token from @BotFather is the whole credential: stored sealed as the account's access
 * token, valid until its owner revokes it there (capabilities: tokens never expire, nothing to
 * revoke through the API). One account is one chat the bot posts to.
 */
export const telegramAuth: CredentialsAuth = {
  kind: 'credentials',
  picker: false,
  fields: [
    {
      name: 'botToken',
      type: 'password',
      label: { en: 'Bot token', fr: 'Jeton du bot' },
      help: {
        en: 'From @BotFather: /newbot, then copy the token it gives (123456:ABC…).',
        fr: 'Donné par @BotFather\u202f: /newbot, puis copiez le jeton (123456:ABC…).',
      },
      placeholder: '123456789:AA…',
      secret: true,
    },
    {
      name: 'chat',
      type: 'text',
      label: { en: 'Channel or group', fr: 'Canal ou groupe' },
      help: {
        en: 'Its @username or t.me link, or a private chat’s numeric id. Add the bot as an administrator allowed to post first.',
        fr: 'Son @nom ou son lien t.me, ou l’identifiant numérique d’un groupe privé. Ajoutez d’abord le bot comme administrateur autorisé à publier.',
      },
      placeholder: '@pistache_news',
      secret: false,
    },
  ],
  messages: {
    login_refused: {
      en: 'Telegram refused this bot token: copy it again from @BotFather.',
      fr: 'Telegram a refusé ce jeton de bot\u202f: copiez-le à nouveau depuis @BotFather.',
    },
    chat_not_found: {
      en: 'The bot cannot see this channel or group: check its @username and add the bot to it.',
      fr: 'Le bot ne voit pas ce canal ou ce groupe\u202f: vérifiez son @nom et ajoutez-y le bot.',
    },
    bot_not_admin: {
      en: 'The bot is in the chat but may not post: make it an administrator with “Post messages”.',
      fr: 'Le bot est dans la discussion mais ne peut pas publier\u202f: nommez-le administrateur avec «\u202fPublier des messages\u202f».',
    },
  },

  async connect(ctx, values) {
    const token = (values.botToken ?? '').trim()
    const chatId = chatIdOf(values.chat ?? '')
    if (!/^\d+:[\w-]{20,}$/.test(token)) return failed('not a bot token', false, 'login_refused')
    if (!chatId) return failed('not a chat username or id', false, 'chat_not_found')
    const profile = await chatProfile(apiHttp(ctx), token, chatId)
    if (profile.status !== 'ok') return profile
    return ok([
      {
        profile: profile.value,
        token: { accessToken: token, refreshToken: null, expiresAt: null },
      },
    ])
  },
}
