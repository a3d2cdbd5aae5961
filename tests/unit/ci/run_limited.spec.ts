import { test } from '@japa/runner'
import { spawn } from 'node:child_process'
import { mkdtemp, readFile, rm } from 'node:fs/promises'
import { readFileSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import app from '@adonisjs/core/services/app'

const helper = app.makePath('.ci/lib/run_limited.sh')
const processTree = app.makePath('tests/unit/ci/fixtures/process_tree.sh')

/** Gone: no such process, or a zombie its new parent has not collected yet. */
function isGone(pid: number) {
  try {
    const stat = readFileSync(`/proc/${pid}/stat`, 'utf8')
    return stat.slice(stat.lastIndexOf(')') + 2).startsWith('Z')
  } catch {
    return true
  }
}

/**
 * Runs `run_limited <limit> process_tree.sh <pids file> <mode>` the way .ci/run does, with its
 * output on a pipe. Resolves once the pipe has closed — which never happens while any process of
 * the tree survives, as it did under `timeout` — with the exit code and the PIDs the tree wrote.
 */
async function runTree(limitSeconds: number, mode: 'hang' | 'finish') {
  const dir = await mkdtemp(join(tmpdir(), 'run-limited-'))
  const pidsFile = join(dir, 'pids')
  const child = spawn(
    'bash',
    [
      '-c',
      `source "$0"; run_limited "$1" "$2" "$3" "$4"`,
      helper,
      `${limitSeconds}`,
      processTree,
      pidsFile,
      mode,
    ],
    { stdio: ['ignore', 'pipe', 'pipe'], env: { ...process.env, CI_KILL_GRACE: '1' } }
  )
  let output = ''
  child.stdout.on('data', (chunk) => (output += chunk))
  child.stderr.on('data', (chunk) => (output += chunk))
  const code = await new Promise<number | null>((resolve) => child.on('close', resolve))
  const pids = (await readFile(pidsFile, 'utf8')).trim().split('\n').map(Number)
  await rm(dir, { recursive: true, force: true })
  return { code, pids, output }
}

test.group('CI / run_limited', () => {
  test('at the time limit every process the run started is ended, wherever it moved', async ({
    assert,
  }) => {
    const { code, pids, output } = await runTree(2, 'hang')
    assert.equal(code, 124, output)
    assert.lengthOf(pids, 6)
    assert.deepEqual(
      pids.filter((pid) => !isGone(pid)),
      [],
      'processes left running'
    )
    assert.include(output, 'still running after 2s')
  }).timeout(60_000)

  test('a run that ends in time but leaves processes behind has them ended too', async ({
    assert,
  }) => {
    const { code, pids, output } = await runTree(120, 'finish')
    assert.equal(code, 0, output)
    assert.include(output, 'tree ready')
    assert.deepEqual(
      pids.filter((pid) => !isGone(pid)),
      [],
      'processes left running'
    )
  }).timeout(60_000)

  test("the command's own exit code comes back", async ({ assert }) => {
    const child = spawn('bash', ['-c', `source "$0"; run_limited 60 bash -c 'exit 3'`, helper], {
      stdio: 'ignore',
    })
    const code = await new Promise<number | null>((resolve) => child.on('close', resolve))
    assert.equal(code, 3)
  }).timeout(30_000)
})
