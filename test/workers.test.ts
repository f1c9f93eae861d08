/**
 * Scale-out on a real PostgreSQL: two `crosscheck serve` processes and two `crosscheck worker`
 * processes share one store. Checks are queued through one server (`?async=1`); the articles they
 * name are served slowly on loopback, so a worker is killed (SIGKILL) while it holds jobs. Every
 * job must finish, each exactly once: one stored check per job, the killed worker's jobs run
 * again by the other worker after their lease expired, and both servers answer for every check.
 */
import assert from 'node:assert/strict';
import { spawn, type ChildProcess } from 'node:child_process';
import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { join } from 'node:path';
import { after, before, describe, it } from 'node:test';
import pg from 'pg';
import { findPgBin, startPostgres, type PgServer } from './helpers/postgres.ts';
import { ROOT } from './helpers/shared.ts';

const N = 6;
const DELAY_MS = 1500;
const LEASE_S = 3;

interface Proc { child: ChildProcess; stderr: () => string; stdout: () => string }

/** Spawns the CLI as a user would and resolves once stderr matches `ready`. */
function start(args: string[], ready: RegExp): Promise<Proc & { match: RegExpExecArray }> {
  const child = spawn(process.execPath, [join(ROOT, 'bin', 'crosscheck.js'), ...args], { cwd: ROOT, stdio: ['ignore', 'pipe', 'pipe'], env: { ...process.env, CROSSCHECK_TOKEN: '' } });
  let err = '';
  let out = '';
  child.stdout!.on('data', (c: Buffer) => (out += c.toString()));
  return new Promise((resolve, reject) => {
    const timer = setTimeout(() => reject(new Error(`${args[0]}: not ready within 60 s: ${err}`)), 60_000);
    child.stderr!.on('data', (c: Buffer) => {
      err += c.toString();
      const m = ready.exec(err);
      if (m) { clearTimeout(timer); resolve({ child, match: m, stderr: () => err, stdout: () => out }); }
    });
    child.once('exit', (code) => { clearTimeout(timer); reject(new Error(`${args[0]} exited with ${code} before it was ready: ${err}`)); });
  });
}

const exited = (child: ChildProcess): Promise<number | null> =>
  child.exitCode !== null || child.signalCode !== null ? Promise.resolve(child.exitCode) : new Promise((resolve) => child.once('exit', (code) => resolve(code)));

/** Articles written for this test, one per job, served after a delay so that jobs take a while. */
function articleServer(): Promise<{ base: string; hits: Map<number, number>; close: () => Promise<void> }> {
  const hits = new Map<number, number>();
  const server: Server = createServer((req, res) => {
    const n = Number(/^\/article\/(\d+)$/.exec(req.url ?? '')?.[1] ?? NaN);
    if (!Number.isInteger(n)) { res.writeHead(404).end(); return; }
    hits.set(n, (hits.get(n) ?? 0) + 1);
    setTimeout(() => {
      res.writeHead(200, { 'content-type': 'text/html; charset=utf-8' });
      res.end(`<!doctype html><html><head><title>Harbour bulletin ${n}</title></head><body><article><h1>Harbour bulletin ${n}</h1>
        <p>The Osterby harbour board said on Tuesday that berth ${n} would reopen in March after repairs costing ${n + 2} million euros.</p>
        <p>Board chair Lene Marstad told the Osterby Courier that ${n * 10} workers had been hired for the repairs.</p></article></body></html>`);
    }, DELAY_MS).unref();
  });
  return new Promise((resolve) => server.listen(0, '127.0.0.1', () => resolve({
    base: `http://127.0.0.1:${(server.address() as AddressInfo).port}`,
    hits,
    close: () => new Promise<void>((done) => { server.closeAllConnections(); server.close(() => done()); }),
  })));
}

async function until<T>(what: string, timeoutMs: number, probe: () => Promise<T | null | undefined | false>): Promise<T> {
  const end = Date.now() + timeoutMs;
  for (;;) {
    const v = await probe();
    if (v) return v;
    if (Date.now() > end) assert.fail(`timed out waiting for ${what}`);
    await new Promise((r) => setTimeout(r, 50));
  }
}

const pgBin = await findPgBin();
if (!pgBin && process.env.CI) {
  it('workers on PostgreSQL', () => assert.fail('PostgreSQL binaries (initdb, pg_ctl) not found; CI requires them (.ci/run installs Debian postgresql)'));
} else {
  describe('workers on PostgreSQL', pgBin ? {} : { skip: 'PostgreSQL binaries (initdb, pg_ctl) not found: install Debian "postgresql" to run the worker test' }, () => {
    let server: PgServer | undefined;
    const procs: ChildProcess[] = [];
    let articles: Awaited<ReturnType<typeof articleServer>> | undefined;
    before(async () => {
      server = await startPostgres(pgBin as string);
      articles = await articleServer();
    });
    after(async () => {
      for (const p of procs) if (p.exitCode === null && p.signalCode === null) p.kill('SIGKILL');
      await Promise.all(procs.map(exited));
      await articles?.close();
      await server?.stop();
    });

    it('runs every queued job exactly once although a worker is killed mid-job', { timeout: 180_000 }, async () => {
      const url = await server!.createDatabase('workers');
      // The first process to open the store creates the schema; the others find it (advisory lock).
      const listening = /listening on (http:\/\/127\.0\.0\.1:\d+)/;
      const started = /crosscheck worker (\S+) started/;
      const workerArgs = ['worker', '--db', url, '--concurrency', '2', '--lease', String(LEASE_S), '--idle', '0.2', '--no-feeds', '--allow-host', '127.0.0.1'];
      const [s1, s2, wa, wb] = await Promise.all([
        start(['serve', '--port', '0', '--db', url], listening),
        start(['serve', '--port', '0', '--db', url], listening),
        start(workerArgs, started),
        start(workerArgs, started),
      ]);
      procs.push(s1.child, s2.child, wa.child, wb.child);
      const [api1, api2] = [s1.match[1]!, s2.match[1]!];
      const [idA, idB] = [wa.match[1]!, wb.match[1]!];

      // Refusals happen before anything is queued.
      const bad = await fetch(`${api1}/api/v1/checks?async=1`, { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify({ url: 'ftp://example.org/x' }) });
      assert.equal(bad.status, 422);

      const jobs: string[] = [];
      for (let n = 1; n <= N; n++) {
        const res = await fetch(`${api1}/api/v1/checks?async=1`, { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify({ url: `${articles!.base}/article/${n}` }) });
        assert.equal(res.status, 202);
        const body = (await res.json()) as { job: { id: string; state: string } };
        assert.equal(res.headers.get('location'), `/api/v1/jobs/${body.job.id}`);
        assert.ok(['queued', 'running', 'done'].includes(body.job.state), body.job.state); // a worker may take it at once
        jobs.push(body.job.id);
      }

      const db = new pg.Client({ connectionString: url });
      await db.connect();
      try {
        // Kill worker A while it holds jobs (their articles are still on their way).
        const held = await until('worker A to hold a job', 60_000, async () => {
          const r = await db.query<{ id: string }>("SELECT id FROM jobs WHERE state = 'running' AND locked_by = $1", [idA]);
          return r.rows.length ? r.rows.map((x) => x.id) : null;
        });
        wa.child.kill('SIGKILL');
        await exited(wa.child);
        const killedAt = Date.now();
        // The jobs it had not finished when it died (one may have finished between the query and the kill).
        const interrupted = (await db.query<{ id: string }>("SELECT id FROM jobs WHERE id = ANY($1::text[]) AND state <> 'done'", [held])).rows.map((r) => r.id);
        assert.ok(interrupted.length >= 1, 'the worker was killed mid-job');

        const finished = await until('every job to finish', 120_000, async () => {
          const views = await Promise.all(jobs.map(async (id) => ((await (await fetch(`${api2}/api/v1/jobs/${id}`)).json()) as { job: { state: string; checkId: string | null; attempts: number } }).job));
          return views.every((v) => v.state === 'done' || v.state === 'failed') ? views : null;
        });
        assert.deepEqual(finished.map((v) => v.state), jobs.map(() => 'done'));
        process.stderr.write(`workers: ${N} jobs; the killed worker was running ${interrupted.length}; all done ${Date.now() - killedAt} ms after the kill (lease ${LEASE_S} s, article delay ${DELAY_MS} ms)\n`);

        // Exactly once: one stored check per job, and nothing else.
        const checks = await db.query<{ job_id: string; n: number }>('SELECT job_id, count(*)::int AS n FROM checks GROUP BY job_id ORDER BY job_id');
        assert.deepEqual(checks.rows.map((r) => [r.job_id, r.n]), [...jobs].sort().map((id) => [id, 1]));
        const rows = await db.query<{ id: string; attempts: number; locked_by: string }>('SELECT id, attempts, locked_by FROM jobs');
        const byId = new Map(rows.rows.map((r) => [r.id, r]));
        for (const id of interrupted) {
          assert.ok(byId.get(id)!.attempts >= 2, `job ${id} held by the killed worker ran again`);
          assert.equal(byId.get(id)!.locked_by, idB, 'and was finished by the other worker');
        }
        for (let n = 1; n <= N; n++) assert.ok((articles!.hits.get(n) ?? 0) >= 1);

        // Both servers answer for every check (the store is the shared state).
        for (let i = 0; i < N; i++) {
          const checkId = finished[i]!.checkId;
          assert.match(checkId ?? '', /^[0-9a-f-]{36}$/);
          for (const api of [api1, api2]) {
            const report = (await (await fetch(`${api}/api/v1/checks/${checkId}`)).json()) as { article: { title: string; url: string } };
            assert.equal(report.article.title, `Harbour bulletin ${i + 1}`);
          }
        }
      } finally {
        await db.end();
      }

      // The surviving processes stop cleanly on SIGTERM.
      for (const p of [wb, s1, s2]) p.child.kill('SIGTERM');
      assert.deepEqual(await Promise.all([wb, s1, s2].map((p) => exited(p.child))), [0, 0, 0], wb.stderr());
      assert.match(wb.stderr(), /stopped/);
    });
  });
}
