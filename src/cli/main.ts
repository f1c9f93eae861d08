import { VERSION } from '../report/index.ts';
import { EXIT, UsageError, type Io } from './args.ts';
import { ADD_HELP, runAdd } from './commands/add.ts';
import { CHECK_HELP, runCheck } from './commands/check.ts';
import { COMMENTS_HELP, runComments } from './commands/comments.ts';
import { runSources, SOURCES_HELP } from './commands/sources.ts';
import { LISTEN_HELP, runListen } from './commands/listen.ts';
import { runServe, SERVE_HELP } from './commands/serve.ts';
import { runTrain, TRAIN_HELP } from './commands/train.ts';
import { EVAL_HELP, runEval } from './commands/eval.ts';
import { runWatchCommand, WATCH_HELP } from './commands/watch.ts';
import { runWorkerCommand, WORKER_HELP } from './commands/worker.ts';

export { EXIT, type Io } from './args.ts';

const defaultIo: Io = {
  stdout: (s) => process.stdout.write(s),
  stderr: (s) => process.stderr.write(s),
  isTTY: Boolean(process.stderr.isTTY),
};

const HELP = `crosscheck ${VERSION} — check a news article claim by claim against other sources, offline

${CHECK_HELP}
${COMMENTS_HELP}
${ADD_HELP}
${SOURCES_HELP}
${SERVE_HELP}
${WATCH_HELP}
${WORKER_HELP}
${LISTEN_HELP}
${TRAIN_HELP}
${EVAL_HELP}
crosscheck help | version

Exit codes: 0 done, 1 done and a --fail-on condition was met, 2 bad usage or unreadable input.
`;

const COMMANDS: Record<string, (args: string[], io: Io) => Promise<number>> = {
  check: runCheck,
  comments: runComments,
  add: runAdd,
  sources: runSources,
  serve: (args, io) => runServe(args, io),
  watch: runWatchCommand,
  worker: runWorkerCommand,
  listen: runListen,
  train: runTrain,
  eval: runEval,
  help: async (_a, io) => { io.stdout(HELP); return EXIT.ok; },
  version: async (_a, io) => { io.stdout(`${VERSION}\n`); return EXIT.ok; },
};

/** Run the command line; returns the exit code. Never throws for bad input. */
export async function main(argv: string[], io: Io = defaultIo): Promise<number> {
  const [command, ...rest] = argv;
  try {
    if (command === undefined) throw new UsageError('no command given: try "crosscheck check <file>" or "crosscheck help"');
    if (command === '--help' || command === '-h') return await COMMANDS.help!(rest, io);
    if (command === '--version' || command === '-v') return await COMMANDS.version!(rest, io);
    const run = COMMANDS[command];
    if (!run) throw new UsageError(`unknown command "${command}": expected one of ${Object.keys(COMMANDS).join(', ')}`);
    return await run(rest, io);
  } catch (e) {
    if (e instanceof UsageError) {
      io.stderr(`crosscheck: ${e.message}\n`);
      return EXIT.usage;
    }
    const err = e as Error;
    io.stderr(`crosscheck: internal error: ${err.message.split('\n')[0]}${process.env.CROSSCHECK_DEBUG ? `\n${err.stack}` : ' (set CROSSCHECK_DEBUG=1 for details)'}\n`);
    return EXIT.internal;
  }
}
