/**
 * 32-bit hashing shared by copy detection, comment clustering and the hashing trick of the
 * models: no dependencies, the same values on every run and machine (model files depend on it).
 */

/** MurmurHash3's 32-bit finaliser: a fast bijective mixer. */
export function fmix32(h: number): number {
  h ^= h >>> 16;
  h = Math.imul(h, 0x85ebca6b);
  h ^= h >>> 13;
  h = Math.imul(h, 0xc2b2ae35);
  h ^= h >>> 16;
  return h >>> 0;
}

/** FNV-1a over UTF-16 code units (from `seed`, the FNV offset basis by default), unfinalised, unsigned. */
export function fnv1a(s: string, seed = 0x811c9dc5): number {
  let h = seed;
  for (let i = 0; i < s.length; i++) {
    h ^= s.charCodeAt(i);
    h = Math.imul(h, 0x01000193);
  }
  return h >>> 0;
}

/** FNV-1a over UTF-16 code units (from `seed`, the FNV offset basis by default), finalised with fmix32. */
export function hashString(s: string, seed = 0x811c9dc5): number {
  return fmix32(fnv1a(s, seed));
}
