import env from '#start/env'
import { defineConfig, drivers } from '@adonisjs/core/encryption'

/**
 * AES-256-GCM (authenticated). The first key encrypts; older keys listed in
 * APP_OLD_KEYS still decrypt, so `tokens:rotate-key` can re-encrypt at leisure.
 */
const oldKeys = (env.get('APP_OLD_KEYS') ?? '')
  .split(',')
  .map((key) => key.trim())
  .filter(Boolean)

const encryptionConfig = defineConfig({
  default: 'gcm',
  list: {
    gcm: drivers.aes256gcm({ keys: [env.get('APP_KEY').release(), ...oldKeys], id: 'gcm' }),
  },
})

export default encryptionConfig

declare module '@adonisjs/core/types' {
  export interface EncryptorsList extends InferEncryptors<typeof encryptionConfig> {}
}
