import type { Settings } from '../engine';
import { runCheck, type CheckDeps } from './check';
import { checkOutputPath, loadSettingsFile, UserError, userErrorLine } from './input';
import { processIo, type ExitCode, type Io } from './io';
import { parseArgs, UsageError, USAGE, type CliOptions, type CommandName } from './options';
import { runScore } from './score';
import { runTasks } from './tasks';
import { runRule } from './rule';
import { useNodeInflate } from './inflate';

export type { ExitCode, Io } from './io';

/** What every command gets: its options, settings read and validated once, where to write, and injected services. */
export interface CommandContext {
  readonly settings: Settings;
  readonly io: Io;
  readonly deps: CheckDeps;
}

type Command<K extends CommandName> = (
  options: Extract<CliOptions, { command: K }>,
  ctx: CommandContext,
) => Promise<ExitCode>;

/** The subcommands: adding one is its options schema in options.ts and one line here. */
const COMMANDS: { readonly [K in CommandName]: Command<K> } = {
  check: async (o, ctx) => {
    if (o.report) await checkOutputPath(o.report, '--report');
    return runCheck(o, ctx.settings, ctx.io, ctx.deps);
  },
  score: async (o, ctx) => {
    if (o.out) await checkOutputPath(o.out, '-o');
    return runScore(o, ctx.settings, ctx.io);
  },
  tasks: async (o, ctx) => {
    await checkOutputPath(o.out, '-o');
    return runTasks(o.files[0], o.out, ctx.settings, ctx.io, o.force);
  },
  help: async (_, ctx) => {
    ctx.io.out(USAGE);
    return 0;
  },
};

/**
 * The `jixiao` command line. Returns the exit code; every error the user can cause (a bad option,
 * a missing or bad settings file, a folder given as an output file) is one line in Chinese and
 * English on stderr, exit 2.
 */
export async function main(argv: readonly string[], io: Io = processIo(), deps: CheckDeps = {}): Promise<ExitCode> {
  useNodeInflate();
  if (argv.length === 0) {
    io.err(USAGE);
    return 2;
  }
  // `rule` takes a text, not files and settings: it parses its own arguments.
  if (argv[0] === 'rule') return runRule(argv.slice(1), io);
  try {
    const options = parseArgs(argv);
    const { settings, warnings } =
      'settings' in options ? await loadSettingsFile(options.settings) : await loadSettingsFile(undefined);
    for (const w of warnings) io.err(w);
    return await dispatch(options, { settings, io, deps });
  } catch (e) {
    if (e instanceof UsageError) {
      io.err(`jixiao: ${e.message}；用法见 jixiao --help (see jixiao --help)`);
      return 2;
    }
    if (e instanceof UserError) {
      io.err(userErrorLine(e));
      return 2;
    }
    throw e;
  }
}

function dispatch(options: CliOptions, ctx: CommandContext): Promise<ExitCode> {
  return (COMMANDS[options.command] as Command<CommandName>)(options as never, ctx);
}
