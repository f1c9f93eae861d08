import assert from 'node:assert/strict';
import { mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { after, describe, it } from 'node:test';
import { cli } from './helpers/cli.ts';
import { writeMiniEvidenceData } from './helpers/mini-evidence.ts';

// Made-up miniature datasets in the shipped layouts, so training runs in a second or two.
const root = mkdtempSync(join(tmpdir(), 'crosscheck-train-'));
after(() => rmSync(root, { recursive: true, force: true }));

const data = join(root, 'datasets');
const ct = join(data, 'checkthat-checkworthiness', 'clef2024-task1-english');
mkdirSync(ct, { recursive: true });
const yes = ['The port handled 4.2 million containers in 2025.', 'Unemployment fell to 5 percent last year.', 'The council spent 300,000 euros on the new bridge.', 'Exports to the north rose by 12% in March.', 'The ferry carried 81,000 passengers in its first month.', 'Wheat prices doubled between 2020 and 2022.'];
const no = ['Thank you all for coming tonight.', 'I think we can do better than that.', 'What a wonderful evening this has been.', 'Let me answer that question.', 'We love this town and its people.', 'Good evening and welcome.'];
const tsv = (rows: [string, boolean][], start: number): string =>
  `Sentence_id\tText\tclass_label\n${rows.map(([t, y], i) => `${start + i}\t${t}\t${y ? 'Yes' : 'No'}`).join('\n')}\n`;
const all: [string, boolean][] = [...yes.map((t): [string, boolean] => [t, true]), ...no.map((t): [string, boolean] => [t, false])];
writeFileSync(join(ct, 'CT24_checkworthy_english_train.tsv'), tsv([...all, ...all.map(([t, y]): [string, boolean] => [`${t} Indeed.`, y])], 1));
writeFileSync(join(ct, 'CT24_checkworthy_english_dev.tsv'), tsv([['Imports grew by 8 percent in 2024.', true], ['Thanks for having me.', false], ['The tunnel cost 2 billion euros.', true], ['I hope so.', false]], 100).replace(/\n/g, '\r\n'));
writeFileSync(join(ct, 'CT24_checkworthy_english_dev-test.tsv'), tsv([['The dam holds 40 million cubic metres.', true], ['Welcome back everyone.', false]], 200));

const fnc = join(data, 'fnc1');
mkdirSync(fnc, { recursive: true });
const topics = [
  ['A new bridge opened over the river on Monday, officials confirmed. Traffic crossed it all day.', 'Bridge opens over the river', 'Bridge over the river never opened, officials say it is a hoax'],
  ['The zoo announced that a rare panda was born this week. Keepers said the cub is healthy.', 'Rare panda born at the zoo', 'Reports of a panda birth are false'],
  ['A storm cut power to 20,000 homes, the utility reported. Crews worked overnight.', 'Storm cuts power to 20,000 homes', 'Utility denies storm cut any power'],
  ['The museum reportedly plans to sell a famous painting, according to unnamed sources.', 'Museum to sell famous painting', 'Museum will not sell the painting'],
  ['Scientists claim a comet may pass close to Earth next year, but others doubt it.', 'Comet to pass close to Earth', 'Comet claim debunked by astronomers'],
  ['The city confirmed it will build a new stadium by 2028 at a cost of 500 million.', 'City to build new stadium by 2028', 'City says no stadium will be built'],
];
const stances = ['agree', 'disagree'];
let bodies = 'Body ID,articleBody\n';
let pairs = 'Headline,Body ID,Stance\n';
topics.forEach(([body, ...heads], i) => {
  bodies += `${i},"${body}"\n`;
  heads.forEach((h, k) => { pairs += `"${h}",${i},${stances[k]}\n`; pairs += `"${h}",${(i + 3) % topics.length},unrelated\n`; });
  pairs += `"What happened next at topic ${i}?",${i},discuss\n`;
});
writeFileSync(join(fnc, 'train_bodies.csv'), bodies);
writeFileSync(join(fnc, 'train_stances.csv'), pairs);
// The stance features hold a sentence-level stance model trained on these too.
writeMiniEvidenceData(data);

describe('crosscheck train', () => {
  it('rebuilds a model deterministically for a seed, and differently for another seed', async () => {
    const runs: string[] = [];
    for (const [dir, seed] of [['a', '3'], ['b', '3'], ['c', '4']] as const) {
      process.env.CROSSCHECK_MODELS = join(root, dir);
      for (const model of ['checkworthiness', 'stance']) {
        const r = await cli(['train', model, '--data', data, '--seed', seed, '--format', 'json']);
        assert.equal(r.code, 0, r.stderr);
        const figures = JSON.parse(r.stdout) as { model: string };
        assert.equal(figures.model, join(root, dir, `${model}.json`));
      }
      runs.push(readFileSync(join(root, dir, 'checkworthiness.json'), 'utf8') + readFileSync(join(root, dir, 'stance.json'), 'utf8'));
    }
    delete process.env.CROSSCHECK_MODELS;
    const strip = (s: string): string => s.replace(/"(trainingSeconds|msPerPair|msPerSentence)":[\d.]+/g, '');
    assert.equal(strip(runs[0]!), strip(runs[1]!));
    assert.notEqual(strip(runs[0]!), strip(runs[2]!));
    const file = JSON.parse(readFileSync(join(root, 'a', 'checkworthiness.json'), 'utf8')) as { format: string; formatVersion: number; featureSchema: string; seed: number };
    assert.equal(file.format, 'crosscheck-model');
    assert.equal(file.seed, 3);
    assert.match(file.featureSchema, /^checkworthiness-features@\d+$/);
  });

  it('rejects bad usage with exit 2 and one line', async () => {
    const cases: [string[], RegExp][] = [
      [['train'], /train needs a model/],
      [['train', 'nope'], /unknown model "nope"/],
      [['train', 'stance', '--data', join(root, 'missing')], /cannot read datasets folder ".*missing"/],
      [['train', 'stance', '--seed', 'x'], /invalid --seed "x"/],
      [['train', 'stance', 'extra'], /unexpected argument "extra"/],
      [['train', 'checkworthiness', '--data', root], /cannot read ".*CT24_checkworthy_english_train\.tsv": no such file/],
    ];
    for (const [args, re] of cases) {
      const r = await cli(args);
      assert.equal(r.code, 2, args.join(' '));
      assert.match(r.stderr, re);
      assert.equal(r.stderr.trim().split('\n').length, 1);
      assert.equal(r.stdout, '');
    }
  });
});
