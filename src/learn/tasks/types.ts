/** A trainable model: `crosscheck train <name>` runs `train` and writes `models/<name>.json`. */
export interface TrainTask {
  name: string;
  description: string;
  /** `data` is the datasets folder (../shared/datasets by default); returns the figures to print. */
  train(opts: { data: string; seed: number; log: (s: string) => void }): Promise<Record<string, unknown>>;
}

/** A benchmark: `crosscheck eval <name> [args]` runs `run` and prints the figures it returns. */
export interface EvalTask {
  name: string;
  /** One usage line, e.g. `eval fnc1 --bodies B.csv --stances S.csv`. */
  usage: string;
  /** Bad arguments throw UsageError (exit 2); the result is printed as JSON or text. */
  run(args: string[], log: (s: string) => void): Promise<Record<string, unknown>>;
}
