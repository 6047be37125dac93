import { fileURLToPath } from 'node:url';
import { defineConfig } from 'vite';

const root = fileURLToPath(new URL('.', import.meta.url));

// JSX goes through Vite's own transformer (oxc, automatic runtime); @vitejs/plugin-react would only
// add fast refresh, and its optional Babel peer does not resolve beside this project's jest.
export default defineConfig({
  root,
  base: '/',
  oxc: { jsx: { runtime: 'automatic' } },
  build: {
    outDir: fileURLToPath(new URL('../../dist/web', import.meta.url)),
    emptyOutDir: true,
    sourcemap: false,
    chunkSizeWarningLimit: 1200,
  },
  server: { proxy: { '/api': 'http://localhost:3000', '/health': 'http://localhost:3000', '/signin/link': 'http://localhost:3000', '/auth': 'http://localhost:3000' } },
});
