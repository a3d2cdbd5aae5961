import { spawn } from 'node:child_process'

export class ProcessError extends Error {
  constructor(
    message: string,
    readonly stderr: string,
    readonly timedOut = false
  ) {
    super(message)
    this.name = 'ProcessError'
  }
}

export interface RunOptions {
  timeoutMs: number
  /** Aborting kills the process (a stopping worker, a cancelled job). */
  signal?: AbortSignal
  /** Upper bound of stdout kept in memory; more is an error (a runaway pipe). */
  maxStdoutBytes?: number
}

/**
 * Runs ffmpeg/ffprobe as a child process, never through a shell (arguments are passed as
 * an array, so a file name cannot inject anything). The event loop stays free while it
 * runs, which is what lets BullMQ keep renewing the job's lock during a long transcode;
 * on timeout or abort the process is sent SIGKILL so a wedged encoder cannot hold a slot.
 */
export function runProcess(
  command: string,
  args: string[],
  options: RunOptions
): Promise<{ stdout: Buffer; stderr: string }> {
  return new Promise((resolve, reject) => {
    const child = spawn(command, args, { stdio: ['ignore', 'pipe', 'pipe'], windowsHide: true })
    const stdout: Buffer[] = []
    let stdoutBytes = 0
    let stderr = ''
    let settled = false
    let timedOut = false
    const maxStdout = options.maxStdoutBytes ?? 64 * 1024 * 1024

    const kill = () => {
      if (child.exitCode === null && child.signalCode === null) child.kill('SIGKILL')
    }
    const timer = setTimeout(() => {
      timedOut = true
      kill()
    }, options.timeoutMs)
    const onAbort = () => kill()
    options.signal?.addEventListener('abort', onAbort, { once: true })

    const finish = (error: Error | null) => {
      if (settled) return
      settled = true
      clearTimeout(timer)
      options.signal?.removeEventListener('abort', onAbort)
      if (error) reject(error)
      else resolve({ stdout: Buffer.concat(stdout), stderr })
    }

    child.stdout.on('data', (chunk: Buffer) => {
      stdoutBytes += chunk.length
      if (stdoutBytes > maxStdout) {
        kill()
        return finish(new ProcessError(`${command} produced too much output`, stderr))
      }
      stdout.push(chunk)
    })
    child.stderr.on('data', (chunk: Buffer) => {
      // Only the tail matters for a failure message.
      stderr = (stderr + chunk.toString('utf8')).slice(-4000)
    })
    child.on('error', (error) =>
      finish(new ProcessError(`${command} could not start: ${error.message}`, stderr))
    )
    child.on('close', (code, signal) => {
      if (timedOut)
        return finish(
          new ProcessError(`${command} timed out after ${options.timeoutMs} ms`, stderr, true)
        )
      if (options.signal?.aborted) return finish(new ProcessError(`${command} was stopped`, stderr))
      if (code !== 0) {
        const last = stderr.trim().split('\n').at(-1) ?? ''
        return finish(
          new ProcessError(`${command} failed (${signal ?? `exit ${code}`}): ${last}`, stderr)
        )
      }
      finish(null)
    })
  })
}
