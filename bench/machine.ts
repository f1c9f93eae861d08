import { cpus, loadavg, totalmem, type } from 'node:os';

/** One line naming the machine a figure was measured on. */
export function machine(): string {
  const c = cpus();
  return `${c.length} × ${c[0]?.model.trim() ?? 'unknown CPU'}, ${Math.round(totalmem() / 2 ** 30)} GiB, ${type()}, Node ${process.version}, load average ${loadavg()[0]!.toFixed(1)} at start`;
}

export function stats(samples: number[]): { median: number; p95: number; mean: number } {
  const s = [...samples].sort((a, b) => a - b);
  const at = (q: number): number => s[Math.min(s.length - 1, Math.floor(q * s.length))]!;
  return { median: at(0.5), p95: at(0.95), mean: s.reduce((a, b) => a + b, 0) / s.length };
}

/**
 * Milliseconds a fixed piece of plain arithmetic takes here (median of 5 runs): a yardstick for
 * timings of one run against another's, since this VM's speed has varied by half between runs.
 */
export function referenceMs(): number {
  const runs: number[] = [];
  for (let r = 0; r < 5; r++) {
    const t = performance.now();
    let x = 0;
    for (let i = 0; i < 50_000_000; i++) x = (x + i * 7) % 1_000_003;
    if (x < 0) throw new Error('unreachable');
    runs.push(performance.now() - t);
  }
  return stats(runs).median;
}
