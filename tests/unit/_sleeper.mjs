// A stand-in for the web server or the worker: says it is up, stops cleanly on SIGTERM.
const name = process.argv[2]
console.log(`${name} up ${process.pid}`)
const keepAlive = setInterval(() => {}, 1000)
process.on('SIGTERM', () => {
  clearInterval(keepAlive)
  console.log(`${name} stopped ${process.pid}`)
})
