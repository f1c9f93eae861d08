// Bundles the CLI into dist/cli.js so that `crosscheck` starts without compiling TypeScript.
// Runs on `npm ci` / `npm install` (the "prepare" script); bin/crosscheck.js falls back to the
// sources through tsx whenever a file under src/ is newer than the bundle.
import { build } from 'esbuild';

await build({
  entryPoints: ['src/cli/main.ts'],
  outfile: 'dist/cli.js',
  bundle: true,
  platform: 'node',
  format: 'esm',
  target: 'node20',
  packages: 'external',
  sourcemap: true,
  logLevel: 'warning',
});
