import type { CopyRelation } from './relate.ts';
import { compareDates } from './relate.ts';

export interface OriginGroup {
  /** The member the others derive from. */
  origin: string;
  /** Every member, the origin first, then in the order of `ids`. */
  members: string[];
}

/**
 * Independent origins: texts linked by copy relations (in either direction, transitively) form
 * one group, found by union-find over `relations`; every id not linked to another is a group of
 * its own. The origin of a group is, among the members that copy no other member (all members
 * if there is none), the earliest published (known dates before unknown), then the one copied
 * most often, then the first in `ids`. Relations naming ids not in `ids` are ignored. Groups come
 * in the order of their first member in `ids`.
 */
export function groupOrigins(
  ids: string[],
  relations: CopyRelation[],
  published: Map<string, string | null> = new Map(),
): OriginGroup[] {
  const order = new Map<string, number>();
  for (const id of ids) if (!order.has(id)) order.set(id, order.size);
  const parent = [...order.keys()].map((_, i) => i);
  const find = (i: number): number => {
    while (parent[i] !== i) {
      parent[i] = parent[parent[i]!]!;
      i = parent[i]!;
    }
    return i;
  };
  const copies = new Set<string>();
  const copied = new Map<string, number>();
  for (const r of relations) {
    const a = order.get(r.from);
    const b = order.get(r.to);
    if (a === undefined || b === undefined || a === b) continue;
    copies.add(r.from);
    copied.set(r.to, (copied.get(r.to) ?? 0) + 1);
    const ra = find(a);
    const rb = find(b);
    if (ra !== rb) parent[Math.max(ra, rb)] = Math.min(ra, rb);
  }
  const groups = new Map<number, string[]>();
  for (const [id, i] of order) {
    const root = find(i);
    const g = groups.get(root);
    if (g) g.push(id); else groups.set(root, [id]);
  }
  const dated = (id: string): string | null => published.get(id) ?? null;
  const earlier = (a: string, b: string): number => {
    const da = dated(a);
    const db = dated(b);
    if (da && !db) return -1;
    if (!da && db) return 1;
    return compareDates(da, db) || (copied.get(b) ?? 0) - (copied.get(a) ?? 0) || order.get(a)! - order.get(b)!;
  };
  return [...groups.values()].map((members) => {
    const roots = members.filter((m) => !copies.has(m));
    const origin = [...(roots.length > 0 ? roots : members)].sort(earlier)[0]!;
    return { origin, members: [origin, ...members.filter((m) => m !== origin)] };
  });
}
