/**
 * The store contract, written once as a function of a backend and run against SQLite (a temp
 * file) and a real PostgreSQL server started for the run (see helpers/postgres.ts). Plus
 * SQLite-only cases: default location, folders created, and kill -9 in the middle of an add.
 */
import assert from 'node:assert/strict';
import { spawn } from 'node:child_process';
import { existsSync, mkdirSync, statSync } from 'node:fs';
import { mkdtemp, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { after, before, describe, it } from 'node:test';
import { fileURLToPath } from 'node:url';
import Database from 'better-sqlite3';
import { createDocument, type Comment, type Document } from '../src/model/index.ts';
import pg from 'pg';
import { commentKey, commentKeys, defaultStoreLocation, openStore, passageSpans, type Relation, type Store } from '../src/store/index.ts';
import { findPgBin, startPostgres, type PgServer } from './helpers/postgres.ts';

const ROOT = fileURLToPath(new URL('..', import.meta.url));
const NOW = new Date('2026-03-01T12:00:00.000Z');

interface Backend {
  name: 'sqlite' | 'postgres';
  /** A new, empty store location. */
  fresh(): Promise<string>;
  /** A location that cannot be opened, and what the error must mention. */
  bad(): Promise<{ location: string; mentions: string }>;
  /** Runs SQL statements on the store's database directly (to set up an older schema). */
  exec(location: string, sql: string): Promise<void>;
}

function doc(text: string, extra: Partial<Parameters<typeof createDocument>[0]> = {}): Document {
  return createDocument({ origin: 'test', format: 'text', text, ...extra });
}

async function open(location: string): Promise<Store> {
  const r = await openStore(location, { now: () => NOW });
  if (!r.ok) assert.fail(`openStore: ${r.error.message}`);
  return r.value;
}

/** Opens a fresh store, runs `fn`, closes it whatever happens. */
async function withStore(b: Backend, fn: (s: Store, location: string) => Promise<void>): Promise<void> {
  const location = await b.fresh();
  const store = await open(location);
  try {
    await fn(store, location);
  } finally {
    await store.close();
  }
}

const LONG = Array.from(
  { length: 30 },
  (_, i) => `Sentence ${i + 1} adds a few more words about the eastern frontier so this paragraph runs long.`,
).join(' ');

const ROUND_TRIP_TEXT = [
  'Deputy defence minister Paweł Zalewski said the Ottawa Convention of 1997 no longer fits.',
  '  Łódź and Gdańsk 🇵🇱 agreed — “quietly” — on the 210 km and 418 km borders.  ',
  LONG,
  'Last line.',
].join('\n\n');

function contract(b: Backend): void {
  it('a long query of common words and two rare ones still finds the passage holding the rare ones, before and after a removal', async () => {
    await withStore(b, async (store) => {
      const common = 'the council said the harbour plan would open next year with new money for the town and its people';
      const filler = Array.from({ length: 80 }, (_, i) => doc(`Report ${i}: ${common}, officials said on day ${i}.`, { url: `https://example.org/f${i}` }));
      const rare = doc(`The quokka survey near Varnholm found the ${common}.`, { url: 'https://example.org/rare' });
      await store.add([...filler, rare], { kind: 'article' });
      const query = `council harbour plan open next year money town people quokka Varnholm`;
      const top = async (): Promise<string | undefined> => (await store.search({ text: query, limit: 3 }))[0]?.source.id;
      assert.equal(await top(), rare.id);
      assert.equal(await store.remove(rare.id), true);
      assert.notEqual(await top(), rare.id);
      await store.add([rare], { kind: 'article' });
      assert.equal(await top(), rare.id);
    });
  });

  if (b.name === 'postgres') {
    it('keeps its term statistics equal to a recount of the passages through adds and removals', async () => {
      await withStore(b, async (store, location) => {
        const docs = Array.from({ length: 12 }, (_, i) => doc(`Harbour report ${i} on the quokka count and the ${i % 2 ? 'eastern' : 'western'} pier.\n\nSecond paragraph ${i}.`, { url: `https://example.org/t${i}` }));
        await store.add(docs, { kind: 'article' });
        await store.add(docs.slice(0, 3), { kind: 'article' });
        await store.remove(docs[4]!.id);
        await store.remove(docs[5]!.id);
        const client = new pg.Client({ connectionString: location });
        await client.connect();
        try {
          const kept = await client.query("SELECT term, df::int AS df FROM term_df WHERE df <> 0 ORDER BY term");
          const recount = await client.query(`SELECT term, df::int AS df FROM (
              SELECT word AS term, count(*) AS df FROM passages, unnest(tsvector_to_array(tsv)) AS word GROUP BY word
              UNION ALL SELECT '', count(*) FROM passages) s ORDER BY term`);
          assert.deepEqual(kept.rows, recount.rows);
          assert.ok(kept.rows.some((r: { term: string; df: number }) => r.term === 'quokka' && r.df === 10));
        } finally {
          await client.end();
        }
      });
    });
  }

  it('round-trips a document: text, metadata, comments and exact passage offsets', async () => {
    await withStore(b, async (store) => {
      const comments: Comment[] = [
        { id: 'c1', text: 'Great article 👍', author: 'Ann', published: '2026-02-01' },
        { id: 'c2', text: 'Agree with Ann.', replyTo: 'c1', replyInferred: true },
      ];
      const d = doc(ROUND_TRIP_TEXT, {
        title: 'Poland leaves the treaty', outlet: 'Wire', url: 'https://example.org/a', published: '2026-02-27', comments,
      });
      const res = await store.add([d], { kind: 'article' });
      assert.deepEqual(res, { added: [d.id], existing: [] });

      const got = await store.get(d.id);
      assert.ok(got);
      assert.equal(got.text, d.text);
      assert.deepEqual(got.comments, comments);
      assert.deepEqual(
        { ...got, text: undefined, comments: undefined },
        {
          id: d.id, title: 'Poland leaves the treaty', outlet: 'Wire', url: 'https://example.org/a', published: '2026-02-27',
          fetchedAt: NOW.toISOString(), origin: 'test', kind: 'article', wordCount: d.text.split(/\s+/).filter(Boolean).length,
          text: undefined, comments: undefined,
        },
      );
      assert.equal(await store.get('no-such-id'), null);

      const ps = await store.passages(d.id);
      assert.deepEqual(ps.map((p) => p.span), passageSpans(d.text));
      assert.ok(ps.length >= 5, `the long paragraph is cut at sentence ends (${ps.length} passages)`);
      let end = 0;
      ps.forEach((p, i) => {
        assert.equal(p.index, i);
        assert.equal(p.sourceId, d.id);
        assert.equal(p.text, d.text.slice(p.span.start, p.span.end));
        assert.equal(p.text, p.text.trim(), 'no surrounding whitespace');
        assert.ok(p.span.start >= end, 'in order, not overlapping');
        end = p.span.end;
        assert.ok(p.text.split(/\s+/).length <= 120 || !/[.!?]\s/.test(p.text), 'long passages only when one sentence');
      });
      assert.equal(ps[1]?.text, 'Łódź and Gdańsk 🇵🇱 agreed — “quietly” — on the 210 km and 418 km borders.');
      assert.equal(ps.at(-1)?.text, 'Last line.');
    });
  });

  it('is idempotent: the same article (by id, or by URL) is stored once', async () => {
    await withStore(b, async (store) => {
      const a = doc('The minister spoke on Friday.', { url: 'https://example.org/1' });
      const c = doc('A second, different article.');
      assert.deepEqual(await store.add([a, c, a]), { added: [a.id, c.id], existing: [a.id] });
      assert.deepEqual(await store.add([a]), { added: [], existing: [a.id] });
      const edited = doc('The minister spoke on Friday, officials said.', { url: 'https://example.org/1' });
      assert.deepEqual(await store.add([edited]), { added: [], existing: [a.id] });
      assert.equal(await store.count(), 2);
      assert.equal((await store.search({ text: 'minister' })).length, 1, 'passages stored once');
    });
  });

  it('adds a batch in one transaction: a failure mid-batch leaves the store unchanged', async () => {
    await withStore(b, async (store) => {
      const first = doc('Already stored before the failing batch.');
      await store.add([first]);
      const ok1 = doc('Zeppelin alpha goes in first.');
      const ok2 = doc('Zeppelin beta goes in second.');
      const broken = { ...doc('Zeppelin gamma has an empty id.'), id: '' }; // violates CHECK (length(id) > 0)
      const ok3 = doc('Zeppelin delta would come after.');
      const sigs = new Map([[ok1.id, new Uint32Array([1, 2, 3])]]);
      await assert.rejects(store.add([ok1, ok2, broken, ok3], { signatures: sigs }));
      assert.equal(await store.count(), 1);
      assert.equal(await store.get(ok1.id), null);
      assert.equal(await store.get(ok2.id), null);
      assert.deepEqual(await store.search({ text: 'zeppelin' }), []);
      assert.equal(await collect(store.signatures()).then((s) => s.length), 0);
      // and the store is still usable
      assert.deepEqual((await store.add([ok1])).added, [ok1.id]);
      assert.equal(await store.count(), 2);
    });
  });

  it('lists, counts and removes; removing cascades to passages, relations and signatures', async () => {
    await withStore(b, async (store) => {
      const [x, y, z] = [
        doc('Harbour line opens in May.', { outlet: 'Gazette' }),
        doc('Harbour line delayed again.', { outlet: 'Herald' }),
        doc('Claim: the harbour line is free. Rating: false.', { outlet: 'Checkers' }),
      ] as [Document, Document, Document];
      await store.add([x, y], { signatures: new Map([[x.id, new Uint32Array([7, 8])], [y.id, new Uint32Array([9])]]) });
      await store.add([z], { kind: 'factcheck' });
      assert.equal(await store.count(), 3);
      assert.deepEqual((await store.list()).map((s) => s.id), [x.id, y.id, z.id]);
      assert.deepEqual((await store.list({ limit: 1, offset: 1 })).map((s) => s.id), [y.id]);
      assert.deepEqual((await store.list({ outlet: 'Herald' })).map((s) => s.id), [y.id]);
      assert.deepEqual((await store.list({ kind: 'factcheck' })).map((s) => [s.id, s.kind]), [[z.id, 'factcheck']]);
      await store.addRelations([{ from: y.id, to: x.id, kind: 'rewrite', similarity: 0.5, containment: 0.8 }]);

      assert.equal(await store.remove(x.id), true);
      assert.equal(await store.remove(x.id), false);
      assert.equal(await store.count(), 2);
      assert.equal(await store.get(x.id), null);
      assert.deepEqual(await store.passages(x.id), []);
      assert.deepEqual(await store.relations(y.id), []);
      assert.deepEqual((await collect(store.signatures())).map((s) => s.id), [y.id]);
      const hits = await store.search({ text: 'harbour opens' });
      assert.ok(hits.length > 0 && hits.every((h) => h.source.id !== x.id));
    });
  });

  it('searches with OR semantics, best match first, folding diacritics both ways', async () => {
    await withStore(b, async (store) => {
      const all = doc('The frontier with Belarus is lined with mines along the border.');
      const one = doc('Mines were cleared from farmland last year.\n\nUnrelated paragraph about harvests.');
      const pl = doc('Deputy minister Paweł Zalewski spoke in Łódź.');
      const ascii = doc('Pawel Kowalski replied from Lodz.');
      await store.add([one, all, pl, ascii]);

      const hits = await store.search({ text: 'mines frontier Belarus border' });
      assert.deepEqual(hits.map((h) => h.source.id), [all.id, one.id]);
      assert.ok((hits[0]?.score ?? 0) > (hits[1]?.score ?? 0), 'higher score = better');
      assert.equal(hits[1]?.passage.text, 'Mines were cleared from farmland last year.');
      for (const h of hits) assert.equal(h.passage.text, (await store.get(h.source.id))?.text.slice(h.passage.span.start, h.passage.span.end));

      for (const q of ['Pawel', 'Paweł', 'PAWEŁ', 'lodz', 'Łódź']) {
        const ids = new Set((await store.search({ text: q })).map((h) => h.source.id));
        assert.deepEqual(ids, new Set([pl.id, ascii.id]), `query ${q}`);
      }
      assert.equal((await store.search({ text: 'Zalewski', limit: 5 }))[0]?.source.id, pl.id);
      assert.equal((await store.search({ text: 'mines frontier', limit: 1 })).length, 1);

      // query syntax in user text is only words
      for (const q of ['"mines', 'mines OR', 'NEAR(mines', 'mines*', '-mines', "mines' | !border & (", 'a:b c^d {x}']) {
        const r = await store.search({ text: q });
        assert.ok(r.some((h) => h.source.id === one.id) || !/mines/.test(q), `query ${q}`);
      }
      assert.deepEqual(await store.search({ text: '  ... !!! ' }), []);
      assert.deepEqual(await store.search({ text: 'nonexistentword' }), []);
    });
  });

  it('search respects exclude and kind', async () => {
    await withStore(b, async (store) => {
      const a = doc('Treaty withdrawal announced by Poland.');
      const c = doc('Treaty withdrawal announced by Finland.');
      const f = doc('Claim: treaty withdrawal is illegal. Rating: misleading.');
      await store.add([a, c]);
      await store.add([f], { kind: 'factcheck' });
      assert.equal((await store.search({ text: 'treaty withdrawal' })).length, 3);
      const rest = await store.search({ text: 'treaty withdrawal', exclude: [a.id, f.id] });
      assert.deepEqual(rest.map((h) => h.source.id), [c.id]);
      const checks = await store.search({ text: 'treaty withdrawal', kind: 'factcheck' });
      assert.deepEqual(checks.map((h) => [h.source.id, h.source.kind]), [[f.id, 'factcheck']]);
    });
  });

  it('stores MinHash signatures exactly and pages through them', async () => {
    await withStore(b, async (store) => {
      const docs = Array.from({ length: 520 }, (_, i) => doc(`Signature document number ${i}.`));
      const sigs = new Map<string, Uint32Array>();
      docs.forEach((d, i) => sigs.set(d.id, Uint32Array.from({ length: 128 }, (_, k) => (Math.imul(i + 1, 2654435761) + k * 40503) >>> 0)));
      const edge = docs[0] as Document;
      sigs.set(edge.id, new Uint32Array([0, 1, 0xffffffff, 0x80000000, 0x12345678]));
      const unsigned = doc('No signature for this one.');
      await store.add([...docs, unsigned], { signatures: sigs });

      const seen = new Map<string, Uint32Array>();
      for await (const { id, signature } of store.signatures()) {
        if (seen.size === 10) assert.equal(await store.count(), 521, 'the store is usable while iterating');
        seen.set(id, signature);
      }
      assert.equal(seen.size, 520);
      for (const [id, sig] of sigs) assert.deepEqual(seen.get(id), sig);
      assert.ok(!seen.has(unsigned.id));

      // adding an existing document again with a signature replaces its signature
      await store.add([edge], { signatures: new Map([[edge.id, new Uint32Array([42])]]) });
      const again = await collect(store.signatures());
      assert.deepEqual(again.find((s) => s.id === edge.id)?.signature, new Uint32Array([42]));
    });
  });

  it('upserts relations and returns them in both directions', async () => {
    await withStore(b, async (store) => {
      const [w, r1, r2] = [doc('Wire story original.'), doc('Rewrite one.'), doc('Copy two.')] as [Document, Document, Document];
      await store.add([w, r1, r2]);
      const rels: Relation[] = [
        { from: r1.id, to: w.id, kind: 'rewrite', similarity: 0.41, containment: 0.83 },
        { from: r2.id, to: w.id, kind: 'copy', similarity: 0.97, containment: 0.99 },
      ];
      await store.addRelations(rels);
      await store.addRelations(rels);
      await store.addRelations([{ from: r1.id, to: w.id, kind: 'copy', similarity: 0.9, containment: 0.95 }]);
      await store.addRelations([]);
      const ofW = await store.relations(w.id);
      assert.equal(ofW.length, 2);
      assert.deepEqual(ofW.find((x) => x.from === r1.id), { from: r1.id, to: w.id, kind: 'copy', similarity: 0.9, containment: 0.95 });
      assert.deepEqual(await store.relations(r2.id), [rels[1]]);
      assert.deepEqual(await store.relations('unknown'), []);
    });
  });

  it('indexes copy sketches and stores relations in the same transaction as the batch', async () => {
    await withStore(b, async (store) => {
      const [w, c, x] = [doc('Wire story about the harbour.'), doc('Copied story about the harbour.'), doc('Something else.')] as [Document, Document, Document];
      await store.add([w, c, x], {
        sketches: new Map([[w.id, Uint32Array.from([1, 2, 3, 4_000_000_000])], [c.id, Uint32Array.from([2, 3, 4_000_000_000, 9])], [x.id, Uint32Array.from([7])]]),
        relations: [
          { from: c.id, to: w.id, kind: 'copy', similarity: 0.9, containment: 0.95 },
          { from: c.id, to: 'not-stored', kind: 'copy', similarity: 0.9, containment: 0.95 },
        ],
      });
      assert.deepEqual(await store.copyCandidates(Uint32Array.from([2, 3, 4_000_000_000])), [{ id: w.id < c.id ? w.id : c.id, shared: 3 }, { id: w.id < c.id ? c.id : w.id, shared: 3 }]);
      assert.deepEqual(await store.copyCandidates(Uint32Array.from([1, 9]), { exclude: [w.id] }), [{ id: c.id, shared: 1 }]);
      assert.deepEqual(await store.copyCandidates(Uint32Array.from([123])), []);
      assert.deepEqual((await store.relations(w.id)).map((r) => r.from), [c.id]);
      await store.remove(c.id);
      assert.deepEqual(await store.copyCandidates(Uint32Array.from([9])), []);
      assert.deepEqual(await store.relations(w.id), []);
    });
  });

  it('keeps its data across close and reopen', async () => {
    const location = await b.fresh();
    const d = doc('Persisted across reopen: the Eastern Shield.', { comments: [{ id: 'k', text: 'ok' }] });
    const s1 = await open(location);
    await s1.add([d], { signatures: new Map([[d.id, new Uint32Array([5, 6])]]) });
    await s1.close();
    await s1.close(); // closing twice is harmless
    const s2 = await open(location);
    try {
      assert.equal(s2.kind, b.name);
      assert.deepEqual((await s2.get(d.id))?.comments, [{ id: 'k', text: 'ok' }]);
      assert.deepEqual((await s2.search({ text: 'eastern shield' })).map((h) => h.source.id), [d.id]);
      assert.deepEqual(await collect(s2.signatures()), [{ id: d.id, signature: new Uint32Array([5, 6]) }]);
    } finally {
      await s2.close();
    }
  });

  it('stores fact-check fields with their sources, returns them in order, upserts and cascades', async () => {
    await withStore(b, async (store) => {
      const fc = doc('The Glass Bridge of Ostmark was closed to traffic for good in 2024.', {
        title: 'Was the Glass Bridge closed for good?', outlet: 'Example Checks', url: 'https://checks.example/glass-bridge', published: '2026-01-05',
      });
      const bare = doc('A fact-check stored without its fields.', { title: 'Bare fact-check' });
      const article = doc('An ordinary article about the Glass Bridge and its traffic.');
      const fields = { claim: 'The Glass Bridge of Ostmark was closed for good.', rating: 'False', claimant: 'a viral post', externalId: 'ex-1' };
      await store.add([fc, bare], { kind: 'factcheck', factChecks: new Map([[fc.id, fields]]) });
      await store.add([article]);
      const got = await store.factChecks([article.id, bare.id, 'missing', fc.id]);
      assert.deepEqual(got, [
        { sourceId: bare.id, claim: 'Bare fact-check', rating: 'unknown', claimant: null, externalId: null, title: 'Bare fact-check', publisher: null, url: null, published: null, text: bare.text },
        { sourceId: fc.id, ...fields, title: 'Was the Glass Bridge closed for good?', publisher: 'Example Checks', url: 'https://checks.example/glass-bridge', published: '2026-01-05', text: fc.text },
      ]);
      assert.deepEqual(await store.factChecks([]), []);
      // Adding it again replaces its fields.
      const res = await store.add([fc], { kind: 'factcheck', factChecks: new Map([[fc.id, { ...fields, rating: 'Mostly false' }]]) });
      assert.deepEqual(res, { added: [], existing: [fc.id] });
      assert.equal((await store.factChecks([fc.id]))[0]?.rating, 'Mostly false');
      assert.deepEqual((await store.search({ text: 'glass bridge traffic', kind: 'factcheck' })).map((h) => h.source.id), [fc.id]);
      // A date window, inclusive; sources without a date are outside every window.
      const inWindow = async (from: string, to: string) =>
        (await store.search({ text: 'glass bridge traffic fact check', allTerms: true, published: { from, to } })).map((h) => h.source.id);
      assert.deepEqual(await inWindow('2026-01-05', '2026-01-05'), [fc.id]);
      assert.deepEqual(await inWindow('2025-12-01', '2026-01-04'), []);
      assert.deepEqual(await inWindow('1900-01-01', '2999-12-31'), [fc.id]);
      assert.equal(await store.remove(fc.id), true);
      assert.deepEqual(await store.factChecks([fc.id]), []);
      assert.ok((await store.migrations()).some((m) => m.version === 4 && /fact-check/.test(m.name)));
    });
  });

  it('finds a comment under other stored articles by its fingerprint, whatever its case, spacing or accents', async () => {
    await withStore(b, async (store) => {
      const shared = 'Finally a council that listens to the people of this town, well done to everyone involved!';
      const a = doc('First story about the council.', { title: 'Council A', url: 'https://example.org/ca', comments: [
        { id: 'a1', text: shared }, { id: 'a2', text: 'Thanks!' },
      ] });
      const b2 = doc('Second story about the harbour.', { title: 'Harbour B', comments: [
        { id: 'b1', text: `  FINALLY a council that listens to the péople of this town — well done to everyone involved  ` },
        { id: 'b2', text: 'The ferry timetable in paragraph three is wrong, it changed last spring.' },
      ] });
      const c = doc('Third story about the bridge.', { title: 'Bridge C', comments: [{ id: 'c1', text: shared }] });
      await store.add([a, b2, c]);
      const key = commentKey(shared);
      assert.ok(key);
      assert.equal(commentKey('Thanks!'), null, 'short comments get no fingerprint');
      assert.equal(commentKey(b2.comments[0]!.text), key);

      const hits = await store.commentReuse(commentKeys(c.comments), { exclude: [c.id] });
      assert.deepEqual(hits.map((h) => [h.key, h.sourceId]).sort(), [[key, a.id], [key, b2.id]].sort());
      assert.deepEqual(hits.find((h) => h.sourceId === a.id), { key, sourceId: a.id, title: 'Council A', outlet: null, url: 'https://example.org/ca' });
      assert.deepEqual(await store.commentReuse([commentKey(b2.comments[1]!.text)!], { exclude: [b2.id] }), [], 'a comment under one article only');
      assert.deepEqual(await store.commentReuse([]), []);

      // Adding the same article again adds nothing; removing one drops its fingerprints.
      await store.add([a]);
      assert.equal((await store.commentReuse([key])).length, 3);
      assert.ok(await store.remove(a.id));
      assert.deepEqual((await store.commentReuse([key], { exclude: [c.id] })).map((h) => h.sourceId), [b2.id]);
    });
  });

  it('migration 5 fingerprints the comments of articles stored before it', async () => {
    const location = await b.fresh();
    const text = 'Same opinion pasted under every single story this week, word for word.';
    const a = doc('Story one.', { comments: [{ id: 'x', text }] });
    const c = doc('Story two.', { comments: [{ id: 'y', text }, { id: 'z', text: 'Ok.' }] });
    const s1 = await open(location);
    await s1.add([a, c]);
    await s1.close();
    // The schema as it was before migration 5, with these articles already stored.
    await b.exec(location, 'DROP TABLE comment_keys; DELETE FROM schema_migrations WHERE version = 5');
    const s2 = await open(location);
    try {
      assert.ok((await s2.migrations()).some((m) => m.version === 5));
      assert.deepEqual((await s2.commentReuse([commentKey(text)!])).map((h) => h.sourceId).sort(), [a.id, c.id].sort());
    } finally {
      await s2.close();
    }
  });

  it('applies each migration once', async () => {
    const location = await b.fresh();
    const s1 = await open(location);
    const first = await s1.migrations();
    await s1.close();
    const s2 = await open(location);
    const second = await s2.migrations();
    await s2.close();
    assert.ok(first.length >= 1);
    assert.deepEqual(first.map((m) => m.version), [...new Set(first.map((m) => m.version))].sort((p, q) => p - q));
    assert.deepEqual(second, first, 'the second open applied nothing (same rows, same times)');
  });

  it('reports a location it cannot open as bad input, in one line', async () => {
    const { location, mentions } = await b.bad();
    const r = await openStore(location, { connectTimeoutMs: 2000 });
    assert.equal(r.ok, false);
    if (r.ok) return;
    assert.equal(r.error.code, 'bad-input');
    assert.ok(!r.error.message.includes('\n'), r.error.message);
    assert.ok(r.error.message.startsWith('cannot open store "'), r.error.message);
    assert.ok(r.error.message.includes(mentions), `${r.error.message} should mention ${mentions}`);
  });

  // ---- the service (migration 6): checks, feeds, jobs

  it('keeps checks: by id, latest by URL, replaced by id, newest first', async () => {
    await withStore(b, async (store) => {
      const rec = (id: string, url: string | null, at: string, report: unknown) => ({ id, documentId: `doc-${id}`, url, jobId: null, report, createdAt: at, updatedAt: at });
      await store.putCheck(rec('c1', 'https://news.example/a', '2026-03-01T10:00:00.000Z', { claims: [{ verdict: 'unverified' }] }));
      await store.putCheck(rec('c2', 'https://news.example/a', '2026-03-01T11:00:00.000Z', { claims: [] }));
      await store.putCheck(rec('c3', null, '2026-03-01T09:00:00.000Z', { n: 3 }));
      assert.equal(await store.countChecks(), 3);
      assert.deepEqual((await store.getCheck('c1'))?.report, { claims: [{ verdict: 'unverified' }] });
      assert.equal(await store.getCheck('nope'), null);
      assert.equal((await store.latestCheckForUrl('https://news.example/a'))?.id, 'c2');
      assert.equal(await store.latestCheckForUrl('https://news.example/none'), null);
      await store.putCheck({ ...rec('c1', 'https://news.example/a', '2026-03-01T10:00:00.000Z', { claims: [{ verdict: 'supported' }] }), updatedAt: '2026-03-01T12:00:00.000Z' });
      const c1 = await store.getCheck('c1');
      assert.deepEqual([c1?.report, c1?.createdAt, c1?.updatedAt], [{ claims: [{ verdict: 'supported' }] }, '2026-03-01T10:00:00.000Z', '2026-03-01T12:00:00.000Z']);
      assert.equal(await store.countChecks(), 3, 'replaced, not added');
      assert.deepEqual((await store.listChecks()).map((c) => c.id), ['c1', 'c2', 'c3']);
      assert.deepEqual((await store.listChecks({ limit: 1 })).map((c) => c.id), ['c1']);
    });
  });

  it('registers feeds once and leases a due feed to one poller at a time', async () => {
    await withStore(b, async (store) => {
      const t = (s: number) => new Date(NOW.getTime() + s * 1000);
      const feed = 'https://feeds.example/world.xml';
      assert.equal(await store.addFeed(feed, t(0)), true);
      assert.equal(await store.addFeed(feed, t(5)), false);
      assert.deepEqual((await store.listFeeds()).map((f) => [f.url, f.failures, f.nextPollAt]), [[feed, 0, t(0).toISOString()]]);
      const claimed = await store.claimDueFeeds(t(1), t(61));
      assert.deepEqual(claimed.map((f) => f.url), [feed]);
      assert.deepEqual(await store.claimDueFeeds(t(2), t(62)), [], 'leased: a second poller does not get it');
      await store.recordPoll(feed, { etag: '"v1"', lastModified: 'Sun, 01 Mar 2026 12:00:00 GMT', failures: 0, nextPollAt: t(31).toISOString(), polledAt: t(1).toISOString(), status: '200', error: null, newItems: 2 });
      assert.deepEqual(await store.claimDueFeeds(t(30), t(90)), []);
      const again = await store.claimDueFeeds(t(31), t(91));
      assert.deepEqual(again.map((f) => [f.etag, f.lastModified, f.items, f.lastStatus]), [['"v1"', 'Sun, 01 Mar 2026 12:00:00 GMT', 2, '200']]);

      assert.deepEqual([...await store.seenItems(feed, ['g1', 'g2'])], []);
      await store.markSeen(feed, [{ guid: 'g1', sourceId: 's1' }, { guid: 'g2', sourceId: null }], t(1));
      await store.markSeen(feed, [{ guid: 'g1', sourceId: 's9' }], t(2));
      assert.deepEqual([...await store.seenItems(feed, ['g1', 'g2', 'g3'])].sort(), ['g1', 'g2']);
      assert.equal(await store.removeFeed(feed), true);
      assert.equal(await store.removeFeed(feed), false);
      assert.deepEqual([...await store.seenItems(feed, ['g1'])], [], 'seen items go with the feed');
    });
  });

  it('queues jobs: deduplicated while pending, claimed by one worker, leases expire, effects written once', async () => {
    await withStore(b, async (store) => {
      const a = await store.enqueue({ kind: 'poll-feed', payload: { url: 'https://feeds.example/a.xml' }, dedupeKey: 'poll:a' });
      const dup = await store.enqueue({ kind: 'poll-feed', payload: { url: 'https://feeds.example/a.xml' }, dedupeKey: 'poll:a' });
      assert.deepEqual([a.created, dup.created, dup.id], [true, false, a.id]);
      const c = await store.enqueue({ kind: 'check', payload: { text: 'A quay reopened.' }, maxAttempts: 2 });
      assert.deepEqual(await store.countJobs(), { queued: 2, running: 0, done: 0, failed: 0 });

      const j1 = await store.claimJob('w1', 60_000);
      const j2 = await store.claimJob('w2', 60_000);
      assert.deepEqual([j1?.id, j2?.id], [a.id, c.id], 'oldest first, never the same job twice');
      assert.deepEqual([j1?.state, j1?.attempts, j1?.lockedBy, j1?.payload], ['running', 1, 'w1', { url: 'https://feeds.example/a.xml' }]);
      assert.equal(await store.claimJob('w3', 60_000), null);
      assert.equal((await store.enqueue({ kind: 'poll-feed', payload: {}, dedupeKey: 'poll:a' })).id, a.id, 'running still deduplicates');

      assert.equal(await store.finishJob(a.id, 'w2', { ok: true, result: 1 }), false, 'not the holder');
      assert.equal(await store.finishJob(a.id, 'w1', { ok: true, result: { items: 3 } }), true);
      assert.equal(await store.finishJob(a.id, 'w1', { ok: true, result: { items: 3 } }), false, 'finished once');
      const doneA = await store.getJob(a.id);
      assert.deepEqual([doneA?.state, doneA?.result, doneA?.finishedAt !== null], ['done', { items: 3 }, true]);
      const again = await store.enqueue({ kind: 'poll-feed', payload: {}, dedupeKey: 'poll:a' });
      assert.equal(again.created, true, 'a finished job no longer holds its key');

      // c's worker dies: its lease (made short) expires and another worker takes it over.
      assert.equal(await store.heartbeat(c.id, 'w2', 30), true);
      assert.equal(await store.heartbeat(c.id, 'w1', 30), false);
      await new Promise((r) => setTimeout(r, 80));
      const taken = await store.claimJob('w3', 60_000, ['check']);
      assert.deepEqual([taken?.id, taken?.attempts, taken?.lockedBy], [c.id, 2, 'w3']);
      const check = { id: 'chk-1', documentId: 'd1', url: null, jobId: c.id, report: { ok: 1 }, createdAt: NOW.toISOString(), updatedAt: NOW.toISOString() };
      assert.equal(await store.finishJob(c.id, 'w2', { ok: true, result: { checkId: 'chk-0' }, check: { ...check, id: 'chk-0' } }), false, 'the dead worker\'s late result is refused');
      assert.equal(await store.countChecks(), 0, 'and writes nothing');
      assert.equal(await store.finishJob(c.id, 'w3', { ok: true, result: { checkId: 'chk-1' }, check }), true);
      assert.deepEqual((await store.listChecks()).map((x) => [x.id, x.jobId]), [['chk-1', c.id]]);

      // failures: retried while attempts remain, then failed
      const f = await store.enqueue({ kind: 'check', payload: {}, maxAttempts: 2 });
      const f1 = await store.claimJob('w1', 60_000, ['check']);
      assert.equal(f1?.id, f.id);
      assert.equal(await store.finishJob(f.id, 'w1', { ok: false, error: 'boom', retryInMs: 0 }), true);
      assert.deepEqual([(await store.getJob(f.id))?.state, (await store.getJob(f.id))?.error], ['queued', 'boom']);
      assert.equal((await store.claimJob('w1', 60_000, ['check']))?.id, f.id);
      assert.equal(await store.finishJob(f.id, 'w1', { ok: false, error: 'boom again', retryInMs: 0 }), true);
      assert.deepEqual([(await store.getJob(f.id))?.state, (await store.getJob(f.id))?.attempts], ['failed', 2]);
      assert.deepEqual(await store.countJobs(), { queued: 1, running: 0, done: 2, failed: 1 });
      assert.deepEqual((await store.listJobs({ state: 'done' })).map((j) => j.id), [c.id, a.id]);
    });
  });
}

async function collect<T>(it: AsyncIterable<T>): Promise<T[]> {
  const out: T[] = [];
  for await (const x of it) out.push(x);
  return out;
}

// ---------------------------------------------------------------- SQLite

let tmp = '';
let n = 0;
before(async () => {
  tmp = await mkdtemp(join(tmpdir(), 'crosscheck-store-'));
});
after(async () => {
  await rm(tmp, { recursive: true, force: true });
});

describe('store contract: sqlite', () => {
  contract({
    name: 'sqlite',
    fresh: async () => join(tmp, `s${++n}`, 'store.db'),
    bad: async () => {
      const dir = join(tmp, `dir${++n}`);
      mkdirSync(dir, { recursive: true });
      return { location: dir, mentions: 'is a directory' };
    },
    exec: async (location, sql) => {
      const db = new Database(location);
      try {
        db.exec(sql);
      } finally {
        db.close();
      }
    },
  });
});

describe('store: sqlite only', () => {
  it('creates folders on first use, in WAL mode', async () => {
    const location = join(tmp, 'deep', 'er', 'store.db');
    const store = await open(location);
    await store.close();
    assert.ok(existsSync(location));
    const db = new Database(location, { readonly: true });
    assert.equal(db.pragma('journal_mode', { simple: true }), 'wal');
    db.close();
  });

  it('reports a path it cannot create as bad input', async () => {
    const file = join(tmp, 'plain-file');
    await writeFile(file, 'not a folder');
    for (const [location, mentions] of [[join(file, 'store.db'), 'not a directory'], [file, 'file is not a database']] as const) {
      const r = await openStore(location);
      assert.ok(!r.ok && r.error.code === 'bad-input' && r.error.message.includes(mentions), r.ok ? 'opened' : r.error.message);
    }
  });

  it('defaults to $XDG_DATA_HOME/crosscheck/store.db, else ~/.local/share', async () => {
    assert.equal(defaultStoreLocation({ XDG_DATA_HOME: '/x/data' }), '/x/data/crosscheck/store.db');
    assert.match(defaultStoreLocation({}), /\/\.local\/share\/crosscheck\/store\.db$/);
    const saved = process.env.XDG_DATA_HOME;
    process.env.XDG_DATA_HOME = join(tmp, 'xdg');
    try {
      const r = await openStore(undefined);
      assert.ok(r.ok, r.ok ? '' : r.error.message);
      assert.equal(r.value.location, join(tmp, 'xdg', 'crosscheck', 'store.db'));
      await r.value.close();
      assert.ok(existsSync(join(tmp, 'xdg', 'crosscheck', 'store.db')));
    } finally {
      if (saved === undefined) delete process.env.XDG_DATA_HOME;
      else process.env.XDG_DATA_HOME = saved;
    }
  });

  it('survives kill -9 in the middle of a large add: whole batch or nothing', async () => {
    const location = join(tmp, 'killed', 'store.db');
    const seed = await open(location);
    await seed.add([doc('Seed one.'), doc('Seed two.'), doc('Seed three.')]);
    await seed.close();

    const wal = `${location}-wal`;
    const child = spawn(process.execPath, ['--import', 'tsx', join(ROOT, 'test/helpers/store-writer.ts'), location, '4000'], {
      cwd: ROOT,
      stdio: ['ignore', 'pipe', 'pipe'],
    });
    let out = '';
    let err = '';
    child.stderr.on('data', (c: Buffer) => (err += c));
    const killedMidWrite = await new Promise<boolean>((resolve) => {
      let timer: NodeJS.Timeout | undefined;
      child.stdout.on('data', (c: Buffer) => {
        out += c;
        if (out.includes('begin') && !timer) {
          timer = setInterval(() => {
            if ((statSync(wal, { throwIfNoEntry: false })?.size ?? 0) > 1 << 20) {
              clearInterval(timer);
              child.kill('SIGKILL');
              resolve(true);
            }
          }, 2);
        }
      });
      child.on('exit', () => {
        clearInterval(timer);
        resolve(false);
      });
    });
    await new Promise((r) => (child.exitCode !== null || child.signalCode !== null ? r(null) : child.on('exit', r)));
    assert.ok(killedMidWrite, `the writer finished before it could be killed (stdout ${out.trim()}, stderr ${err.trim()})`);
    assert.ok(!out.includes('done'), 'killed before the add returned');

    const db = new Database(location);
    assert.deepEqual(db.pragma('integrity_check'), [{ integrity_check: 'ok' }]);
    db.prepare(`INSERT INTO passages_fts (passages_fts) VALUES ('integrity-check')`).run();
    db.close();

    const store = await open(location);
    try {
      const count = await store.count();
      assert.ok(count === 3 || count === 4003, `whole batch or nothing, got ${count}`);
      assert.equal(count, 3, 'the interrupted batch left nothing behind');
      assert.deepEqual(await store.search({ text: 'frontier' }), []);
      assert.equal((await store.add([doc('Usable after the crash.')])).added.length, 1);
    } finally {
      await store.close();
    }
  });
});

// ---------------------------------------------------------------- PostgreSQL

const pgBin = await findPgBin();
if (!pgBin && process.env.CI) {
  it('store contract: postgres', () => {
    assert.fail('PostgreSQL binaries (initdb, pg_ctl) not found on PATH or in /usr/lib/postgresql/*/bin; CI requires them (.ci/run installs Debian postgresql)');
  });
} else {
  const why = 'PostgreSQL binaries (initdb, pg_ctl) not found: install Debian "postgresql" to run the contract against PostgreSQL';
  describe('store contract: postgres', pgBin ? {} : { skip: why }, () => {
    let server: PgServer | undefined;
    let db = 0;
    before(async () => {
      server = await startPostgres(pgBin as string);
      process.stderr.write(`postgres test server ready in ${Math.round(server.startupMs)} ms\n`);
    });
    after(async () => {
      await server?.stop();
    });
    const srv = (): PgServer => server ?? assert.fail('postgres server not started');
    contract({
      name: 'postgres',
      fresh: () => srv().createDatabase(`contract_${++db}`),
      bad: async () => {
        // a port nothing listens on
        const url = srv().url('nothing').replace(/:(\d+)\//, ':1/');
        return { location: url, mentions: 'postgres://postgres@127.0.0.1:1/nothing' };
      },
      exec: async (location, sql) => {
        const client = new pg.Client({ connectionString: location });
        await client.connect();
        try {
          await client.query(sql);
        } finally {
          await client.end();
        }
      },
    });
  });
}
