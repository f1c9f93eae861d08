/**
 * Listen: the article read aloud, as a WAV file, with espeak-ng (the Debian package `espeak-ng`).
 * Offline, no model downloaded. The text is passed on standard input, never on the command line.
 */
import { spawn } from 'node:child_process';
import type { Result } from '../model/index.ts';

export interface ListenOptions {
  /** espeak-ng voice (a language code such as "en", "de", "fr"); default "en". */
  voice?: string;
  /** Words per minute, 80..450; default espeak-ng's 175. */
  wordsPerMinute?: number;
  /** The executable; default `espeak-ng` on the PATH (or CROSSCHECK_ESPEAK). */
  command?: string;
  /** Give up after this long; default 120000 ms. */
  timeoutMs?: number;
}

export interface ListenError {
  code: 'espeak-missing' | 'synthesis-failed' | 'empty';
  message: string;
}

export const INSTALL_HINT = 'install it with "sudo apt-get install espeak-ng" (Debian/Ubuntu) or "brew install espeak-ng" (macOS)';

const fail = (code: ListenError['code'], message: string): Result<never, ListenError> => ({ ok: false, error: { code, message } });

/** What is read: the title, then the body; whitespace runs collapsed so that line breaks do not pause oddly. */
export function speakableText(article: { title: string | null; text: string }): string {
  const body = article.text.replace(/[ \t]+/g, ' ').replace(/\n{2,}/g, '\n\n').trim();
  return article.title ? `${article.title.trim()}.\n\n${body}` : body;
}

/** The voice for a report's language code, falling back to English for unknown or undetermined ones. */
export function voiceFor(language: string | null | undefined): string {
  const code = (language ?? '').toLowerCase();
  return /^[a-z]{2,3}$/.test(code) && code !== 'und' ? code : 'en';
}

/**
 * espeak-ng writes a streaming WAV header with placeholder sizes when its output is a pipe; set the
 * RIFF and data chunk sizes from the bytes actually received so every player reads the length.
 */
export function fixWavHeader(wav: Buffer): Buffer {
  if (wav.length < 44 || wav.toString('ascii', 0, 4) !== 'RIFF' || wav.toString('ascii', 8, 12) !== 'WAVE') return wav;
  wav.writeUInt32LE(wav.length - 8, 4);
  let p = 12;
  while (p + 8 <= wav.length) {
    const id = wav.toString('ascii', p, p + 4);
    if (id === 'data') {
      wav.writeUInt32LE(wav.length - p - 8, p + 4);
      break;
    }
    p += 8 + wav.readUInt32LE(p + 4);
  }
  return wav;
}

/** WAV header facts: sample rate, channels, bits, and the duration in seconds. */
export function wavInfo(wav: Buffer): { sampleRate: number; channels: number; bitsPerSample: number; seconds: number } | null {
  if (wav.length < 44 || wav.toString('ascii', 0, 4) !== 'RIFF' || wav.toString('ascii', 8, 12) !== 'WAVE') return null;
  let p = 12;
  let fmt: { sampleRate: number; channels: number; bitsPerSample: number } | null = null;
  while (p + 8 <= wav.length) {
    const id = wav.toString('ascii', p, p + 4);
    const size = wav.readUInt32LE(p + 4);
    if (id === 'fmt ') fmt = { channels: wav.readUInt16LE(p + 10), sampleRate: wav.readUInt32LE(p + 12), bitsPerSample: wav.readUInt16LE(p + 22) };
    if (id === 'data' && fmt) {
      const bytes = Math.min(size, wav.length - p - 8);
      return { ...fmt, seconds: bytes / (fmt.sampleRate * fmt.channels * (fmt.bitsPerSample / 8)) };
    }
    p += 8 + size;
  }
  return null;
}

/** Synthesise `text` to WAV bytes. A missing espeak-ng is an expected failure naming the install command. */
export function synthesize(text: string, options: ListenOptions = {}): Promise<Result<Buffer, ListenError>> {
  if (text.trim() === '') return Promise.resolve(fail('empty', 'nothing to read: the article has no text'));
  const command = options.command ?? process.env.CROSSCHECK_ESPEAK ?? 'espeak-ng';
  const args = ['--stdout', '--stdin', '-b', '1', '-v', options.voice ?? 'en'];
  if (options.wordsPerMinute !== undefined) args.push('-s', String(Math.round(Math.min(450, Math.max(80, options.wordsPerMinute)))));
  return new Promise((resolve) => {
    const child = spawn(command, args, { stdio: ['pipe', 'pipe', 'pipe'] });
    const chunks: Buffer[] = [];
    let stderr = '';
    let settled = false;
    const done = (r: Result<Buffer, ListenError>): void => {
      if (settled) return;
      settled = true;
      clearTimeout(timer);
      resolve(r);
    };
    const timer = setTimeout(() => {
      child.kill('SIGKILL');
      done(fail('synthesis-failed', `espeak-ng did not finish within ${options.timeoutMs ?? 120_000} ms`));
    }, options.timeoutMs ?? 120_000);
    child.on('error', (err: NodeJS.ErrnoException) => {
      if (err.code === 'ENOENT') done(fail('espeak-missing', `cannot read aloud: "${command}" is not installed; ${INSTALL_HINT}`));
      else done(fail('synthesis-failed', `cannot run "${command}": ${err.message.split('\n')[0]}`));
    });
    child.stdout.on('data', (c: Buffer) => chunks.push(c));
    child.stderr.on('data', (c: Buffer) => { stderr += c.toString('utf8'); });
    child.on('close', (code) => {
      const wav = Buffer.concat(chunks);
      if (code !== 0 || wav.length < 44) {
        const why = stderr.split('\n').map((l) => l.trim()).find(Boolean) ?? `exit code ${code}`;
        done(fail('synthesis-failed', `espeak-ng failed: ${why.replace(/^Error:\s*/, '')}`));
        return;
      }
      done({ ok: true, value: fixWavHeader(wav) });
    });
    child.stdin.on('error', () => { /* the close handler reports the failure */ });
    child.stdin.end(text, 'utf8');
  });
}

/** An article read aloud in its own language's voice, in English when espeak-ng has no such voice. */
export async function readAloud(article: { title: string | null; text: string; language?: string | null }, options: Omit<ListenOptions, 'voice'> = {}): Promise<Result<Buffer, ListenError>> {
  const text = speakableText(article);
  const voice = voiceFor(article.language);
  const r = await synthesize(text, { ...options, voice });
  if (!r.ok && r.error.code === 'synthesis-failed' && voice !== 'en' && /voice/i.test(r.error.message)) return synthesize(text, { ...options, voice: 'en' });
  return r;
}
