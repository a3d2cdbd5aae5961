import { cp, readdir, rm, stat } from 'node:fs/promises'
import { join, relative, sep } from 'node:path'

/** Every file under `root`, as path relative to it (with `/`) → absolute path. */
export async function listFiles(root: string): Promise<Map<string, string>> {
  const files = new Map<string, string>()
  const entries = await readdir(root, { recursive: true, withFileTypes: true }).catch(
    (error: NodeJS.ErrnoException) => {
      if (error.code === 'ENOENT') return []
      throw error
    }
  )
  for (const entry of entries) {
    if (!entry.isFile()) continue
    const absolute = join(entry.parentPath, entry.name)
    files.set(relative(root, absolute).split(sep).join('/'), absolute)
  }
  return files
}

export async function totalBytes(files: Iterable<string>) {
  let bytes = 0
  for (const file of files) bytes += (await stat(file)).size
  return bytes
}

/**
 * Makes `target`'s contents those of `source`. The folder itself stays (in Docker it is a
 * volume's mount point, which cannot be renamed or removed); what it held is deleted, then
 * the restored files are copied in.
 */
export async function replaceContents(target: string, source: string) {
  for (const entry of await readdir(target).catch(() => [] as string[])) {
    await rm(join(target, entry), { recursive: true, force: true })
  }
  await cp(source, target, { recursive: true, force: true })
}
