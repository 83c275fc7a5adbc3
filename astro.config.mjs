// Static site. BASE lets the site live under a sub-path on any static host.
import { defineConfig } from 'astro/config';
// Bakes every lesson step's trainer snapshot before the build (and serves them in dev): src/lessons/astro-integration.ts
import lessonBaking from './src/lessons/astro-integration.ts';

export default defineConfig({
  output: 'static',
  base: process.env.BASE ?? '/',
  trailingSlash: 'ignore',
  integrations: [lessonBaking()],
  vite: {
    // tfjs's wasm backend fetches its .wasm files at run time; we copy them into public/ (scripts/copy-wasm.mjs)
    optimizeDeps: { exclude: ['@tensorflow/tfjs-backend-wasm'] },
  },
});
