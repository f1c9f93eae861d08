import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { benchCheck } from './check.ts';
import { machine } from './machine.ts';

/** `npm run bench`: measure, print, and rewrite BENCHMARKS.md with the machine, command and date. */
const sections = [await benchCheck()];
const head = [
  '# Benchmarks',
  '',
  `Measured on ${new Date().toISOString().slice(0, 10)} with \`npm run bench\` on ${machine()}.`,
  'Figures are rewritten by every run; compare runs on the same machine only.',
  '',
].join('\n');
const body = `${head}\n${sections.join('\n')}`;
writeFileSync(join(import.meta.dirname, '..', 'BENCHMARKS.md'), body);
process.stdout.write(body);
