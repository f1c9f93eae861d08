/** Files and standard input → bytes (with the size limit) → text. */
import { createReadStream } from 'node:fs';
import { stat } from 'node:fs/promises';
import { fail, message, ok, type Message, type Result } from '../model/index.ts';
import { formatBytes, label } from './normalize.ts';

function reason(err: unknown): string {
  const code = (err as NodeJS.ErrnoException | undefined)?.code;
  if (code === 'ENOENT' || code === 'ENOTDIR') return 'no such file';
  if (code === 'EACCES' || code === 'EPERM') return 'permission denied';
  if (code === 'ELOOP') return 'too many symbolic links';
  return err instanceof Error ? err.message.split('\n')[0] ?? 'unreadable' : 'unreadable';
}

function errorCode(err: unknown): 'not-found' | 'unreadable' {
  const code = (err as NodeJS.ErrnoException | undefined)?.code;
  return code === 'ENOENT' || code === 'ENOTDIR' ? 'not-found' : 'unreadable';
}

export function tooLarge(origin: string, size: number | null, maxBytes: number): Result<never> {
  const what = size === null ? `more than ${formatBytes(maxBytes)}` : formatBytes(size);
  return fail('too-large', `cannot read ${label(origin)}: ${what} is over the ${formatBytes(maxBytes)} limit`);
}

/** Read a stream, giving up as soon as it passes `maxBytes`. */
export async function readStream(stream: NodeJS.ReadableStream, origin: string, maxBytes: number): Promise<Result<Uint8Array>> {
  const chunks: Buffer[] = [];
  let total = 0;
  try {
    for await (const chunk of stream) {
      const buf = typeof chunk === 'string' ? Buffer.from(chunk) : Buffer.from(chunk as Uint8Array);
      total += buf.length;
      if (total > maxBytes) return tooLarge(origin, null, maxBytes);
      chunks.push(buf);
    }
  } catch (err) {
    return fail(errorCode(err), `cannot read ${label(origin)}: ${reason(err)}`);
  }
  return ok(Buffer.concat(chunks));
}

export async function readFileInput(path: string, maxBytes: number): Promise<Result<Uint8Array>> {
  let info;
  try {
    info = await stat(path);
  } catch (err) {
    return fail(errorCode(err), `cannot read ${label(path)}: ${reason(err)}`);
  }
  if (info.isDirectory()) return fail('is-directory', `cannot read ${label(path)}: it is a directory, expected a file`);
  if (info.isFile() && info.size > maxBytes) return tooLarge(path, info.size, maxBytes);
  // Streamed even for regular files: FIFOs and devices have no size, and files can grow.
  return readStream(createReadStream(path), path, maxBytes);
}

const CONTROL = /[\u0001-\u0008\u000e-\u001a\u001c-\u001f\u007f]/g;

export interface Decoded {
  text: string;
  /** Messages to attach to every document read from these bytes. */
  notes: Message[];
}

/**
 * Bytes → text. NUL bytes, many control characters or mostly invalid UTF-8 mean a binary file.
 * UTF-8 with a few invalid bytes is taken as Windows-1252 (the usual "Latin-1" file), with a warning.
 */
export function decodeBytes(bytes: Uint8Array, origin: string, charset?: string): Result<Decoded> {
  const binary = (why: string): Result<never> =>
    fail('binary', `cannot read ${label(origin)}: it looks like a binary file (${why}), expected text, HTML, Markdown or JSON`);
  if (bytes.includes(0)) return binary('NUL bytes');
  const latin = new TextDecoder('windows-1252').decode(bytes);
  const controls = latin.match(CONTROL)?.length ?? 0;
  if (controls > 0 && controls / latin.length > 0.01) return binary('control characters');
  const cs = charset?.toLowerCase();
  if (cs && !/^(?:utf-?8|unicode-1-1-utf-8)$/.test(cs)) {
    try {
      return ok({ text: new TextDecoder(cs).decode(bytes), notes: [] });
    } catch {
      // unknown charset label: try UTF-8 below
    }
  }
  try {
    return ok({ text: new TextDecoder('utf-8', { fatal: true }).decode(bytes), notes: [] });
  } catch {
    const lenient = new TextDecoder('utf-8').decode(bytes);
    const bad = lenient.match(/\ufffd/g)?.length ?? 0;
    if (bad / Math.max(1, lenient.length) > 0.05) return binary(`${bad} invalid UTF-8 sequences`);
    const note = message('ingest', 'ingest/encoding', 'warning', `${label(origin)} is not valid UTF-8; read as Windows-1252`, {
      actual: `${bad} invalid UTF-8 sequences`,
      expected: 'UTF-8',
    });
    return ok({ text: latin, notes: [note] });
  }
}
