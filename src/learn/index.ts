/** The learning toolkit: sparse features, softmax regression, a small MLP, metrics, model files. */
export * from './features.ts';
export * from './random.ts';
export * from './softmax.ts';
export * from './mlp.ts';
export * from './metrics.ts';
export * from './model-file.ts';
export * from './data.ts';
