import { defineConfig } from 'vite'
import vue from '@vitejs/plugin-vue'
import tailwindcss from '@tailwindcss/vite'
import adonisjs from '@adonisjs/vite/client'

export default defineConfig({
  plugins: [
    vue(),
    tailwindcss(),
    adonisjs({ entryPoints: ['resources/js/app.ts'], reload: ['resources/views/**/*.edge'] }),
  ],
  // Vite 8 would also build an SSR bundle over the browser one (adonisjs/vite#44): build the client only.
  builder: {
    buildApp: async (builder) => {
      await builder.build(builder.environments.client)
    },
  },
  resolve: {
    alias: {
      '~/': `${import.meta.dirname}/resources/`,
      '@generated': `${import.meta.dirname}/.adonisjs/client/`,
      // The plugin SDK's pure modules (counters, checks): the composer validates with the server's code.
      '@sdk': `${import.meta.dirname}/sdk`,
    },
  },
})
