import { defineConfig, drivers } from '@adonisjs/core/hash'

/** scrypt at N=2^14, r=8: ~50 ms a hash on our 2-core machines, OWASP's floor for scrypt. */
const hashConfig = defineConfig({
  default: 'scrypt',
  list: {
    scrypt: drivers.scrypt({ cost: 16384, blockSize: 8, parallelization: 1, maxMemory: 33554432 }),
  },
})

export default hashConfig

declare module '@adonisjs/core/types' {
  export interface HashersList extends InferHashers<typeof hashConfig> {}
}
