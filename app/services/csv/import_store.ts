import { randomUUID } from 'node:crypto'
import redis from '@adonisjs/redis/services/main'
import type { CsvRecord } from '#services/csv/parse_posts'
import { appRedisKey } from '#services/redis_keys'

const TTL_SECONDS = 3600
const keyOf = (workspaceId: number, userId: number, id: string) =>
  appRedisKey(`csv-import:${workspaceId}:${userId}:${id}`)

/**
 * A parsed file between its preview and its confirmation, in Redis for an hour: keyed by
 * workspace and user, so nobody else (and no other workspace) can confirm it.
 */
export async function saveImport(
  workspaceId: number,
  userId: number,
  data: { fileName: string; records: CsvRecord[] }
) {
  const id = randomUUID()
  await redis.set(keyOf(workspaceId, userId, id), JSON.stringify(data), 'EX', TTL_SECONDS)
  return id
}

export async function loadImport(
  workspaceId: number,
  userId: number,
  id: string
): Promise<{ fileName: string; records: CsvRecord[] } | null> {
  const raw = await redis.get(keyOf(workspaceId, userId, id))
  return raw ? JSON.parse(raw) : null
}

/** Taken once: a double click on "confirm" cannot schedule the file twice. */
export async function takeImport(workspaceId: number, userId: number, id: string) {
  const raw = await redis.getdel(keyOf(workspaceId, userId, id))
  return raw ? (JSON.parse(raw) as { fileName: string; records: CsvRecord[] }) : null
}
