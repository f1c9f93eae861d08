/** 32-bit hashing helpers (no dependencies, deterministic across runs and machines). */

import { fmix32 } from '../model/hash.ts';

export { fmix32, hashString } from '../model/hash.ts';

/** splitmix32: a small seeded generator, for MinHash parameters and synthetic data. */
export function splitmix32(seed: number): () => number {
  let state = seed >>> 0;
  return () => {
    state = (state + 0x9e3779b9) >>> 0;
    return fmix32(state);
  };
}
