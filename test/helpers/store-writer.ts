/**
 * Child process for the kill -9 test: opens the store at argv[2] and adds argv[3] generated
 * documents in ONE batch, printing "begin" just before `add` and "done" after it.
 */
import { createDocument } from '../../src/model/index.ts';
import { openStore } from '../../src/store/index.ts';

const [path, n] = process.argv.slice(2);
const opened = await openStore(path);
if (!opened.ok) {
  process.stderr.write(`${opened.error.message}\n`);
  process.exit(2);
}
const store = opened.value;
const words = 'frontier border mines treaty minister defence shield convention withdrawal baltic finland poland'.split(' ');
const docs = Array.from({ length: Number(n) }, (_, i) => {
  const paragraphs = Array.from({ length: 6 }, (_, p) =>
    Array.from({ length: 60 }, (_, w) => words[(i * 7 + p * 13 + w * 3) % words.length]).join(' ') + ` item${i}p${p}.`,
  );
  return createDocument({ origin: `writer-${i}`, format: 'text', text: paragraphs.join('\n\n'), url: `https://example.org/w/${i}` });
});
process.stdout.write('begin\n');
await store.add(docs);
process.stdout.write('done\n');
await store.close();
