// Bundles the CLI into dist/cli.js so that `crosscheck` starts without compiling TypeScript.
// Runs on `npm ci` / `npm install` (the "prepare" script); bin/crosscheck.js falls back to the
// sources through tsx whenever a file under src/ is newer than the bundle.
import { build } from 'esbuild';

import { rmSync } from 'node:fs';

rmSync('dist', { recursive: true, force: true });
await build({
  // Split so that what only one command needs (the HTTP server's libraries) loads only for it.
  entryPoints: { cli: 'src/cli/main.ts' },
  outdir: 'dist',
  splitting: true,
  chunkNames: 'chunks/[name]-[hash]',
  bundle: true,
  platform: 'node',
  format: 'esm',
  target: 'node20',
  packages: 'external',
  sourcemap: true,
  logLevel: 'warning',
});
