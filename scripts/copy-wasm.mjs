// Copies tfjs's WASM backend binaries into public/tfjs/ so the site serves them itself
// (nothing may load from another origin). public/tfjs/ is gitignored; this runs before dev and build.
import { copyFileSync, existsSync, mkdirSync } from 'node:fs';
import { dirname, join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';

const root = resolve(dirname(fileURLToPath(import.meta.url)), '..');
const srcDir = join(root, 'node_modules', '@tensorflow', 'tfjs-backend-wasm', 'dist');
const outDir = join(root, 'public', 'tfjs');
const files = ['tfjs-backend-wasm.wasm', 'tfjs-backend-wasm-simd.wasm', 'tfjs-backend-wasm-threaded-simd.wasm'];

mkdirSync(outDir, { recursive: true });
for (const file of files) {
  const from = join(srcDir, file);
  if (!existsSync(from)) {
    console.error(`copy-wasm: missing ${from}. Run \`npm install\` first.`);
    process.exit(1);
  }
  copyFileSync(from, join(outDir, file));
}
console.log(`copy-wasm: ${files.length} files -> public/tfjs/`);
