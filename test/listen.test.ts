import assert from 'node:assert/strict';
import { existsSync, mkdtempSync, readdirSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, it } from 'node:test';
import { wavInfo } from '../src/listen/index.ts';
import { cli } from './helpers/cli.ts';
import { needEspeak } from './helpers/espeak.ts';
import { EXAMPLE } from './http-fixtures.ts';

const tmp = mkdtempSync(join(tmpdir(), 'crosscheck-listen-'));

describe('crosscheck listen', () => {
  it('writes a WAV file as long as the article takes to read', async (t) => {
    if (!needEspeak(t)) return;
    const out = join(tmp, 'article.wav');
    const r = await cli(['listen', EXAMPLE('harbourline-gazette.txt'), '--out', out]);
    assert.equal(r.code, 0, r.stderr);
    assert.equal(r.stdout, '');
    const wav = readFileSync(out);
    assert.equal(wav.toString('ascii', 0, 4), 'RIFF');
    assert.equal(wav.toString('ascii', 8, 12), 'WAVE');
    assert.equal(wav.readUInt32LE(4), wav.length - 8);
    const info = wavInfo(wav);
    assert.ok(info);
    assert.equal(info.channels, 1);
    assert.ok(info.sampleRate >= 16000);
    // 457 words of body and a title at espeak-ng's 175 words a minute: about 2.7 minutes.
    const words = 457 + 10;
    const expected = (words / 175) * 60;
    assert.ok(info.seconds > expected * 0.6 && info.seconds < expected * 1.6, `${info.seconds.toFixed(1)} s of audio for ~${expected.toFixed(0)} s of reading`);
  });

  it('reads faster with --wpm', async (t) => {
    if (!needEspeak(t)) return;
    const text = join(tmp, 'short.json');
    writeFileSync(text, JSON.stringify({ title: 'Ferry fares', text: 'Brisvik Ferries raised its fares by 12 percent in January, the company said on Tuesday. Travellers on the Kestport route will pay 39 euros for a one-way ticket.' }));
    const slow = join(tmp, 'slow.wav');
    const fast = join(tmp, 'fast.wav');
    assert.equal((await cli(['listen', text, '-o', slow, '--wpm', '120'])).code, 0);
    assert.equal((await cli(['listen', text, '-o', fast, '--wpm', '300'])).code, 0);
    const a = wavInfo(readFileSync(slow))!.seconds;
    const b = wavInfo(readFileSync(fast))!.seconds;
    assert.ok(a > b * 1.8, `120 wpm: ${a.toFixed(1)} s, 300 wpm: ${b.toFixed(1)} s`);
  });

  it('names the install command when espeak-ng is missing (exit 2, nothing written)', async () => {
    process.env.CROSSCHECK_ESPEAK = join(tmp, 'no-such-espeak-ng');
    try {
      const out = join(tmp, 'missing.wav');
      const r = await cli(['listen', EXAMPLE('harbourline-gazette.txt'), '--out', out]);
      assert.equal(r.code, 2);
      assert.match(r.stderr, /^crosscheck: cannot read aloud: ".*no-such-espeak-ng" is not installed; install it with "sudo apt-get install espeak-ng"/);
      assert.equal(r.stderr.trim().split('\n').length, 1);
      assert.equal(existsSync(out), false);
    } finally {
      delete process.env.CROSSCHECK_ESPEAK;
    }
  });

  it('refuses bad usage before reading anything', async () => {
    const noOut = await cli(['listen', EXAMPLE('harbourline-gazette.txt')]);
    assert.equal(noOut.code, 2);
    assert.match(noOut.stderr, /listen needs --out/);
    const badDir = await cli(['listen', EXAMPLE('harbourline-gazette.txt'), '--out', join(tmp, 'nope', 'a.wav')]);
    assert.equal(badDir.code, 2);
    assert.match(badDir.stderr, /folder ".*nope" does not exist/);
    const missing = await cli(['listen', join(tmp, 'absent.txt'), '--out', join(tmp, 'x.wav')]);
    assert.equal(missing.code, 2);
    assert.match(missing.stderr, /absent\.txt/);
    const voice = await cli(['listen', EXAMPLE('harbourline-gazette.txt'), '--out', join(tmp, 'x.wav'), '--voice', 'en;rm -rf']);
    assert.equal(voice.code, 2);
    assert.match(voice.stderr, /invalid --voice "en;rm -rf"/);
    const several = await cli(['listen', EXAMPLE('sources.jsonl'), '--out', join(tmp, 'x.wav')]);
    assert.equal(several.code, 2);
    assert.match(several.stderr, /listen reads one article, but ".*sources\.jsonl" holds 4/);
    assert.deepEqual(readdirSync(tmp).filter((f) => f.startsWith('x.wav') || f.includes('.tmp')), []);
  });
});
