// Static site. BASE lets the site live under a sub-path on any static host.
import { fileURLToPath } from 'node:url';
import { defineConfig } from 'astro/config';
// Bakes every lesson step's trainer snapshot before the build (and serves them in dev): src/lessons/astro-integration.ts
import lessonBaking from './src/lessons/astro-integration.ts';

export default defineConfig({
  output: 'static',
  base: process.env.BASE ?? '/',
  trailingSlash: 'ignore',
  integrations: [lessonBaking()],
  vite: {
    // Dev server: pre-bundle tfjs for the trainer worker too (Vite finds a worker's imports only when it first
    // loads, too late: the raw modules then pulled in tfjs-core's Node-only fetch polyfill and failed). The wasm
    // backend's .wasm files are served from public/tfjs/ (scripts/copy-wasm.mjs) and located by setWasmPaths.
    optimizeDeps: {
      include: ['@tensorflow/tfjs-core', '@tensorflow/tfjs-core/dist/register_all_gradients', '@tensorflow/tfjs-backend-cpu', '@tensorflow/tfjs-backend-wasm', '@tensorflow/tfjs-backend-webgl'],
    },
    worker: { format: 'es' },
    resolve: { alias: [{ find: /^node-fetch$/, replacement: fileURLToPath(new URL('./src/lab/node-fetch-stub.ts', import.meta.url)) }] },
  },
});
