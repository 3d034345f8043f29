// The renderer's build, shared by electron-vite (desktop) and `npm run web` (browser).
import path from 'node:path'
import { fileURLToPath } from 'node:url'
import react from '@vitejs/plugin-react'
import type { UserConfig } from 'vite'

const here = path.dirname(fileURLToPath(import.meta.url))

export const rendererConfig: UserConfig = {
  root: here,
  base: './',
  plugins: [react()],
  publicDir: path.join(here, '..', 'resources', 'public'),
  build: {
    outDir: path.join(here, '..', 'out', 'renderer'),
    emptyOutDir: true,
    chunkSizeWarningLimit: 2000,
  },
}

export default rendererConfig
