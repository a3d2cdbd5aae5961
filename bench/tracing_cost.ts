// What tracing costs, in CPU time (steadier than wall-clock on a busy machine): starting the SDK
// (imports + provider, paid once at boot and only when OTEL_* ask for it), and one span around an
// async call with tracing off and on, spans exported to a local OTLP sink.
//   node --import=@poppinss/ts-exec bench/tracing_cost.ts   (SPANS=20000)
import { createServer } from 'node:http'
import { inSpan } from '#services/telemetry/spans'

const N = Number(process.env.SPANS ?? 20000)
const sink = createServer((req, res) => {
  req.resume()
  req.on('end', () => res.writeHead(200).end('{}'))
})
await new Promise<void>((r) => sink.listen(0, '127.0.0.1', r))
process.env.OTEL_EXPORTER_OTLP_ENDPOINT = `http://127.0.0.1:${(sink.address() as any).port}`

const cpuMs = (start: NodeJS.CpuUsage) => {
  const used = process.cpuUsage(start)
  return (used.user + used.system) / 1000
}
async function spans() {
  for (let i = 0; i < 500; i++) await inSpan('warm', {}, async () => i)
  const start = process.cpuUsage()
  const t0 = performance.now()
  for (let i = 0; i < N; i++)
    await inSpan(
      'job',
      { kind: 'consumer', attributes: { 'pistache.delivery.id': i } },
      async () => i
    )
  return { cpuUs: (cpuMs(start) * 1000) / N, wallUs: ((performance.now() - t0) * 1000) / N }
}

const off = await spans()
let start = process.cpuUsage()
let t0 = performance.now()
const { startTracing, stopTracing, flushTracing } = await import('#services/telemetry/tracing')
await startTracing('web')
const startCost = { cpuMs: cpuMs(start), wallMs: performance.now() - t0 }
const on = await spans()
start = process.cpuUsage()
await flushTracing()
const flushCpuMs = cpuMs(start)
await stopTracing()
sink.close()
console.log(
  JSON.stringify({
    startTracing: { cpuMs: +startCost.cpuMs.toFixed(1), wallMs: +startCost.wallMs.toFixed(1) },
    perSpanOff: { cpuUs: +off.cpuUs.toFixed(2), wallUs: +off.wallUs.toFixed(2) },
    perSpanOn: { cpuUs: +on.cpuUs.toFixed(2), wallUs: +on.wallUs.toFixed(2) },
    finalFlushCpuMs: +flushCpuMs.toFixed(1),
  })
)
