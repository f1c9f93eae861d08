export * from './document.ts';
export * from './result.ts';
export * from './create.ts';
export * from './stage.ts';
export * from './evidence.ts';
export * from './fold.ts';
export * from './hash.ts';
