/**
 * Real child processes for tests that exercise process-level behaviour (signals, shutdown,
 * restarts): the app's own entry points, a private redis-server, and waits on their output.
 */
import { spawn, type ChildProcess } from 'node:child_process'
import { once } from 'node:events'
import { createServer, connect } from 'node:net'
import { setTimeout as sleep } from 'node:timers/promises'
import app from '@adonisjs/core/services/app'

/** A TCP port nothing listens on right now: bind an ephemeral one, then release it. */
export async function freePort() {
  const server = createServer()
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve))
  const { port } = server.address() as { port: number }
  await new Promise((resolve) => server.close(resolve))
  return port
}

export interface Child {
  process: ChildProcess
  /** Everything written to stdout and stderr so far. */
  output: () => string
  waitForOutput: (pattern: RegExp, timeoutMs?: number) => Promise<void>
  /** Resolves when the process has exited. */
  exited: Promise<{ code: number | null; signal: NodeJS.Signals | null }>
  kill: (signal?: NodeJS.Signals) => void
}

export function spawnChild(command: string, args: string[], env: NodeJS.ProcessEnv = {}): Child {
  const child = spawn(command, args, {
    cwd: app.makePath(),
    env: { ...process.env, ...env },
    stdio: ['ignore', 'pipe', 'pipe'],
  })
  let output = ''
  child.stdout!.on('data', (chunk) => (output += chunk))
  child.stderr!.on('data', (chunk) => (output += chunk))
  const exited = once(child, 'exit').then(([code, signal]) => ({
    code: code as number | null,
    signal: signal as NodeJS.Signals | null,
  }))
  let gone = false
  void exited.then(() => (gone = true))
  return {
    process: child,
    output: () => output,
    exited,
    kill: (signal = 'SIGTERM') => {
      if (!gone) child.kill(signal)
    },
    async waitForOutput(pattern, timeoutMs = 60_000) {
      const deadline = Date.now() + timeoutMs
      while (!pattern.test(output)) {
        if (gone) throw new Error(`exited before printing ${pattern}:\n${output}`)
        if (Date.now() > deadline)
          throw new Error(`no ${pattern} within ${timeoutMs} ms:\n${output}`)
        await sleep(50)
      }
    },
  }
}

/** An app entry point (`ace.js` or `bin/server.ts`) run from source, as `node ace` does. */
export function spawnApp(args: string[], env: NodeJS.ProcessEnv = {}) {
  return spawnChild(process.execPath, ['--import=@poppinss/ts-exec', ...args], env)
}

/** A redis-server of the test's own on a free port, nothing kept on disk. */
export async function startRedis() {
  const port = await freePort()
  const redis = spawnChild('redis-server', [
    '--port',
    String(port),
    '--bind',
    '127.0.0.1',
    '--save',
    '',
    '--appendonly',
    'no',
  ])
  await waitForTcp(port)
  return { port, ...redis }
}

export async function waitForTcp(port: number, timeoutMs = 10_000) {
  const deadline = Date.now() + timeoutMs
  for (;;) {
    const open = await new Promise<boolean>((resolve) => {
      const socket = connect({ host: '127.0.0.1', port })
      socket.once('connect', () => {
        socket.destroy()
        resolve(true)
      })
      socket.once('error', () => resolve(false))
    })
    if (open) return
    if (Date.now() > deadline) throw new Error(`nothing listens on ${port} after ${timeoutMs} ms`)
    await sleep(50)
  }
}
