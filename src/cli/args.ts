/**
 * The command line's grammar on `node:util` `parseArgs`: one table of options per subcommand, and our own messages
 * for what parseArgs accepts loosely (a missing value, an unknown option), so every mistake exits 2 with a sentence
 * that names the flag. Tokens are read rather than `values`, so `--today --format json` is "needs a value", not a
 * date called `--format`.
 */
import { parseArgs } from 'node:util';

export class UsageError extends Error {}

type OptionSpec = { readonly type: 'string'; readonly multiple?: boolean; readonly short?: string } | { readonly type: 'boolean'; readonly short?: string };

export type OptionTable = Readonly<Record<string, OptionSpec>>;

export interface ParsedCommand {
  readonly command: string;
  /** The last value of each string option, every value of a `multiple` one, `true`/`false` for a boolean. */
  readonly values: ReadonlyMap<string, string | boolean | readonly string[]>;
  readonly positionals: readonly string[];
}

/** Options every subcommand takes. `-h`/`--help` and `-v`/`--version` win wherever they are, as before. */
const GLOBAL: OptionTable = { help: { type: 'boolean', short: 'h' }, version: { type: 'boolean', short: 'v' } };

/**
 * `argv` as `COMMAND [args]` against the subcommands' option tables. Returns 'help' or 'version' when asked for
 * anywhere; throws UsageError for an unknown command or option, a missing value, or a value given to a switch.
 */
export function parseCommandLine(argv: readonly string[], commands: Readonly<Record<string, OptionTable>>): ParsedCommand | 'help' | 'version' {
  if (argv.includes('-h') || argv.includes('--help')) return 'help';
  if (argv.includes('-v') || argv.includes('--version')) return 'version';
  const [command, ...rest] = argv;
  if (command === undefined) throw new UsageError('No command given.');
  const table = Object.hasOwn(commands, command) ? commands[command] : undefined;
  if (table === undefined) throw new UsageError(`Unknown command \`${command}\`.`);
  const options = { ...GLOBAL, ...table };
  // strict: false so that parseArgs hands back every token, unknown ones included, and the messages stay ours.
  const { tokens } = parseArgs({ args: [...rest], options, strict: false, allowPositionals: true, allowNegative: true, tokens: true });
  const values = new Map<string, string | boolean | readonly string[]>();
  const positionals: string[] = [];
  for (const token of tokens) {
    if (token.kind === 'positional') {
      positionals.push(token.value);
      continue;
    }
    if (token.kind === 'option-terminator') continue;
    const negated = token.rawName.startsWith('--no-');
    const spec = Object.hasOwn(options, token.name) ? options[token.name] : undefined;
    // `--no-X` is only a word for a boolean X; `--no-status-update` is the one documented so far.
    if (spec === undefined || (negated && spec.type !== 'boolean')) throw new UsageError(`Unknown option \`${token.rawName}\`.`);
    if (spec.type === 'boolean') {
      if (token.value !== undefined) throw new UsageError(`${token.rawName} takes no value.`);
      values.set(token.name, !negated);
      continue;
    }
    const value = token.value;
    if (value === undefined || (!token.inlineValue && value.startsWith('--'))) throw new UsageError(`${token.rawName} needs a value.`);
    if (spec.multiple) values.set(token.name, [...((values.get(token.name) as readonly string[] | undefined) ?? []), value]);
    else values.set(token.name, value);
  }
  return { command, values, positionals };
}

/** A string option's value, if given. */
export function stringOption(parsed: ParsedCommand, name: string): string | undefined {
  const v = parsed.values.get(name);
  return typeof v === 'string' ? v : undefined;
}

/** Every value of a repeatable option. */
export function listOption(parsed: ParsedCommand, name: string): readonly string[] {
  const v = parsed.values.get(name);
  return Array.isArray(v) ? (v as readonly string[]) : [];
}

/** A switch: its value if given, else `fallback`. */
export function booleanOption(parsed: ParsedCommand, name: string, fallback: boolean): boolean {
  const v = parsed.values.get(name);
  return typeof v === 'boolean' ? v : fallback;
}
