import { fileURLToPath } from 'node:url';
import { defineConfig } from 'vite';

const root = fileURLToPath(new URL('.', import.meta.url));

/**
 * The board SPA. `vite build --config web/vite.config.ts` writes web/dist, which the API
 * serves at `/` (apps/api/src/web). Everything is bundled: no CDN at run time, because
 * school networks block them. @vitejs/plugin-react is not used: Vite 8's oxc transform
 * compiles TSX with React's automatic runtime by itself.
 */
export default defineConfig({
  root,
  base: '/',
  oxc: { jsx: { runtime: 'automatic', importSource: 'react' } },
  build: {
    outDir: 'dist',
    emptyOutDir: true,
    target: 'es2022',
    sourcemap: true,
    chunkSizeWarningLimit: 1100,
    // A busy CI machine makes slow plugin callbacks likely; the timing report is noise there.
    rolldownOptions: { checks: { bundlerTimings: false } },
  },
  server: {
    // `npm run dev:web` next to `npm start`: the API (and graphql-ws) on :3000.
    proxy: { '/graphql': { target: 'http://localhost:3000', ws: true } },
  },
});
