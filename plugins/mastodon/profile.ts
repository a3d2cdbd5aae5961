import { ok, type AccountProfile, type HttpClient, type Result } from '#sdk'

interface MastodonAccount {
  id: string
  username: string
  acct: string
  display_name: string
  avatar: string
  url: string
  followers_count: number
  following_count: number
  statuses_count: number
}

interface MastodonInstance {
  configuration?: {
    statuses?: {
      max_characters?: number
      max_media_attachments?: number
      characters_reserved_per_url?: number
    }
    media_attachments?: {
      image_size_limit?: number
      video_size_limit?: number
      description_limit?: number
    }
  }
}

/** The account behind a token, with the instance's limits captured for later validation. */
export async function fetchProfile(
  http: HttpClient,
  accessToken: string,
  instanceUrl: string
): Promise<Result<AccountProfile>> {
  const account = await http.send<MastodonAccount>({
    url: '/api/v1/accounts/verify_credentials',
    bearer: accessToken,
  })
  if (account.status !== 'ok') return account
  const instance = await http.send<MastodonInstance>({ url: '/api/v2/instance' })
  const configuration = instance.status === 'ok' ? instance.value.body.configuration : undefined
  const statuses = configuration?.statuses
  const media = configuration?.media_attachments
  const host = new URL(instanceUrl).host
  const a = account.value.body
  return ok({
    externalId: a.id,
    handle: `@${a.username}@${host}`,
    displayName: a.display_name || a.username,
    avatarUrl: a.avatar,
    profileUrl: a.url,
    meta: {
      instanceUrl,
      maxCharacters: statuses?.max_characters ?? null,
      maxMediaAttachments: statuses?.max_media_attachments ?? null,
      charactersReservedPerUrl: statuses?.characters_reserved_per_url ?? null,
      imageSizeLimit: media?.image_size_limit ?? null,
      videoSizeLimit: media?.video_size_limit ?? null,
      descriptionLimit: media?.description_limit ?? null,
    },
  })
}

export function instanceHttp(http: HttpClient, account: AccountProfile) {
  return http.withBaseUrl(String(account.meta?.instanceUrl))
}
