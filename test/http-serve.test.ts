import assert from 'node:assert/strict';
import { spawn } from 'node:child_process';
import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, it } from 'node:test';
import { cli } from './helpers/cli.ts';
import { ROOT } from './helpers/shared.ts';

const tmp = mkdtempSync(join(tmpdir(), 'crosscheck-serve-'));

describe('crosscheck serve', () => {
  it('refuses bad options with one line and exit 2, before listening', async () => {
    for (const [args, pattern] of [
      [['--port', '70000'], /invalid --port "70000": expected an integer from 0 to 65535/],
      [['--allow-host', '10.0.0.0/99'], /invalid --allow-host "10\.0\.0\.0\/99"/],
      [['--allow-host', 'http://x'], /invalid --allow-host "http:\/\/x"/],
      [['--max-body', '0'], /invalid --max-body "0"/],
      [['--host', 'a b'], /invalid --host "a b"/],
      [['--review-author', 'Desk', '--review-url', 'ftp://x'], /invalid --review-url "ftp:\/\/x"/],
      [['extra'], /serve takes no inputs, got "extra"/],
    ] as const) {
      const r = await cli(['serve', ...args, '--db', join(tmp, 'never.db')]);
      assert.equal(r.code, 2, `${args.join(' ')}: ${r.stderr}`);
      assert.match(r.stderr, pattern);
      assert.equal(r.stderr.trim().split('\n').length, 1);
    }
  });

  it('listens on loopback, answers the API and the page, and stops on SIGTERM', async () => {
    const child = spawn(process.execPath, [join(ROOT, 'bin', 'crosscheck.js'), 'serve', '--port', '0', '--db', join(tmp, 'store.db')], {
      env: { ...process.env, CROSSCHECK_TOKEN: 'tok' },
      stdio: ['ignore', 'pipe', 'pipe'],
    });
    try {
      const url = await new Promise<string>((resolve, reject) => {
        let err = '';
        const timer = setTimeout(() => reject(new Error(`no "listening" line within 30 s: ${err}`)), 30_000);
        child.stderr.on('data', (c: Buffer) => {
          err += c.toString();
          const m = /listening on (http:\/\/127\.0\.0\.1:\d+)/.exec(err);
          if (m) { clearTimeout(timer); resolve(m[1]!); }
        });
        child.on('exit', (code) => reject(new Error(`exited with ${code}: ${err}`)));
      });
      const health = (await (await fetch(`${url}/api/v1/health`)).json()) as { status: string; store: { kind: string } };
      assert.deepEqual([health.status, health.store.kind], ['ok', 'sqlite']);
      assert.equal((await fetch(`${url}/api/v1/checks`, { method: 'POST', body: '{}', headers: { 'content-type': 'application/json' } })).status, 401);
      const posted = await fetch(`${url}/api/v1/checks`, { method: 'POST', body: JSON.stringify({ text: 'The Halvik quay reopened on Monday after repairs that cost 4 million euros.' }), headers: { 'content-type': 'application/json', authorization: 'Bearer tok' } });
      assert.equal(posted.status, 201);
      const page = await fetch(`${url}/`);
      assert.match(page.headers.get('content-security-policy') ?? '', /script-src 'self'/);
      assert.match(await page.text(), /name="token"/);
      const exited = new Promise<number | null>((resolve) => child.on('exit', resolve));
      child.kill('SIGTERM');
      assert.equal(await exited, 0);
    } finally {
      if (child.exitCode === null) child.kill('SIGKILL');
    }
  });
});
