#!/usr/bin/env node
// Runs the TypeScript sources directly through tsx, so a checkout works right after `npm ci`.
import { register } from 'tsx/esm/api';

// A closed pipe (`crosscheck check x | head`) is not an error.
process.stdout.on('error', (e) => {
  if (e.code === 'EPIPE') process.exit(process.exitCode ?? 0);
  throw e;
});

register();
const { main } = await import('../src/cli/main.ts');
process.exitCode = await main(process.argv.slice(2));
