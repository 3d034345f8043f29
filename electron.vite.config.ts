// Desktop build: main (ESM, Node deps external), preload (sandboxed → CommonJS, fully bundled), renderer.
import path from 'node:path'
import { defineConfig } from 'electron-vite'
import { rendererConfig } from './renderer/vite.config'

export default defineConfig({
  main: {
    build: {
      outDir: 'out/main',
      rollupOptions: { input: { index: path.resolve('electron/main/index.ts') } },
    },
  },
  preload: {
    build: {
      outDir: 'out/preload',
      externalizeDeps: false,
      rollupOptions: {
        input: { index: path.resolve('electron/preload/index.ts') },
        output: { format: 'cjs', entryFileNames: '[name].cjs' },
      },
    },
  },
  renderer: {
    ...rendererConfig,
    build: {
      ...rendererConfig.build,
      rollupOptions: { input: path.resolve('renderer/index.html') },
    },
  },
})
