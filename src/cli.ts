/**
 * `one-on-ones check [TEAM_FOLDER] [--today YYYY-MM-DD] [--format text|json]`: the extension's index and rules from
 * the command line, for a pre-commit hook or the CI of the team repository.
 * Exit codes: 0 no error (warnings allowed), 1 at least one error, 2 bad arguments or no such folder.
 */
import { statSync } from 'node:fs';
import * as nodePath from 'node:path';
import { TeamChecker } from './core/checker';
import { isIsoDate, isoDateOf } from './core/dates';
import { RULES, SEVERITY_SETTINGS } from './core/rules/registry';
import type { RuleSettings } from './core/rules/registry';
import type { Problem, SeveritySetting } from './core/types';
import { describeFailure, failureKind } from './core/fs';
import { NodeTeamFileSystem } from './node/nodeFs';
import { escapeText, safeJson } from './node/terminalText';

declare const __VERSION__: string;

const USAGE = `Usage: one-on-ones check [TEAM_FOLDER] [options]

Checks a First-Class 1:1s team folder (default: ./one-on-ones) and prints its problems like a linter.

Options:
  --today YYYY-MM-DD     the day to check as of (default: today's local date)
  --format text|json     text: "path:line:col severity message [rule]" (default); json: an array of problems
  --recent               check only what the rules read (profiles, goals, the newest 1:1s), as the editor does;
                         by default every meeting file is parsed, so file problems in old 1:1s are reported too
  --rule ID=SEVERITY     set a rule's severity: off, hint, info, warning or error (repeatable)
  --no-status-update     switch the status-update heuristic off
  -h, --help             this help
  -v, --version          the version

Exit code: 0 when there is no error, 1 when there is at least one error, 2 on a bad argument or a missing folder.
Rules: ${[...RULES.keys()].join(', ')}.`;

export interface CliIo {
  readonly out: (text: string) => void;
  readonly err: (text: string) => void;
  readonly cwd: string;
  readonly now: () => Date;
}

class UsageError extends Error {}

interface CliOptions {
  folder: string;
  today: string;
  format: 'text' | 'json';
  recent: boolean;
  settings: RuleSettings;
}

function parseArgs(argv: readonly string[], io: CliIo): CliOptions | 'help' | 'version' {
  const args = [...argv];
  if (args.includes('-h') || args.includes('--help')) return 'help';
  if (args.includes('-v') || args.includes('--version')) return 'version';
  const command = args.shift();
  if (command !== 'check') throw new UsageError(command === undefined ? 'No command given.' : `Unknown command \`${command}\`.`);
  let folder: string | undefined;
  let today = isoDateOf(io.now());
  let format: 'text' | 'json' = 'text';
  let recent = false;
  const severities: Record<string, SeveritySetting> = {};
  let statusUpdateHeuristic = true;
  const value = (flag: string, inline: string | undefined): string => {
    const v = inline ?? args.shift();
    if (v === undefined || v.startsWith('--')) throw new UsageError(`${flag} needs a value.`);
    return v;
  };
  while (args.length > 0) {
    const arg = args.shift()!;
    const [flag, inline] = arg.startsWith('--') && arg.includes('=') ? [arg.slice(0, arg.indexOf('=')), arg.slice(arg.indexOf('=') + 1)] : [arg, undefined];
    switch (flag) {
      case '--today':
        today = value(flag, inline);
        if (!isIsoDate(today)) throw new UsageError(`--today must be a calendar date YYYY-MM-DD (got \`${today}\`).`);
        break;
      case '--format': {
        const f = value(flag, inline);
        if (f !== 'text' && f !== 'json') throw new UsageError(`--format must be text or json (got \`${f}\`).`);
        format = f;
        break;
      }
      case '--recent':
        recent = true;
        break;
      case '--no-status-update':
        statusUpdateHeuristic = false;
        break;
      case '--rule': {
        const spec = value(flag, inline);
        const [id, sev] = spec.split('=');
        if (!RULES.has(id)) throw new UsageError(`--rule: unknown rule \`${id}\`. Rules: ${[...RULES.keys()].join(', ')}.`);
        if (!(SEVERITY_SETTINGS as readonly string[]).includes(sev)) throw new UsageError(`--rule ${id}: severity must be one of ${SEVERITY_SETTINGS.join(', ')}.`);
        severities[id] = sev as SeveritySetting;
        break;
      }
      default:
        if (flag.startsWith('-')) throw new UsageError(`Unknown option \`${flag}\`.`);
        if (folder !== undefined) throw new UsageError('Give one team folder.');
        folder = flag;
    }
  }
  return { folder: nodePath.resolve(io.cwd, folder ?? 'one-on-ones'), today, format, recent, settings: { severities, statusUpdateHeuristic } };
}

export async function runCli(argv: readonly string[], io: CliIo): Promise<number> {
  let options: CliOptions | 'help' | 'version';
  try {
    options = parseArgs(argv, io);
  } catch (e) {
    if (e instanceof UsageError) {
      io.err(`one-on-ones: ${escapeText(e.message)}\n\n${USAGE}\n`);
      return 2;
    }
    throw e;
  }
  if (options === 'help') {
    io.out(`${USAGE}\n`);
    return 0;
  }
  if (options === 'version') {
    io.out(`${typeof __VERSION__ === 'string' ? __VERSION__ : 'dev'}\n`);
    return 0;
  }
  let isDir = false;
  try {
    isDir = statSync(options.folder).isDirectory();
  } catch {
    isDir = false;
  }
  if (!isDir) {
    io.err(`one-on-ones: no team folder at ${escapeText(options.folder)}. Pass the folder that holds one sub-folder per report (and team.yaml), e.g. \`one-on-ones check one-on-ones\`.\n`);
    return 2;
  }
  const fs = new NodeTeamFileSystem(options.folder);
  let checker: TeamChecker;
  try {
    checker = await TeamChecker.open(fs, { today: options.today, settings: options.settings });
  } catch (e) {
    // Only the team folder's own listing can fail this early (every report is fenced): a clear message, exit 2.
    const kind = failureKind(e);
    if (!kind) throw e;
    io.err(`one-on-ones: cannot read the team folder ${escapeText(options.folder)}: ${describeFailure(kind)}.\n`);
    return 2;
  }
  if (!options.recent) await checker.checkEverything();
  const problems = sortProblems(checker.problems());
  if (options.format === 'json') {
    io.out(`${safeJson(problems.map(toJson))}\n`);
  } else {
    // Names and messages come from the team folder: escaped, so no file can forge a line or drive the terminal.
    for (const p of problems) {
      io.out(`${escapeText(p.file)}:${p.range.start.line + 1}:${p.range.start.character + 1} ${p.severity} ${escapeText(p.message)} [${escapeText(p.rule)}]\n`);
    }
    io.out(`${summary(problems)}\n`);
  }
  return problems.some((p) => p.severity === 'error') ? 1 : 0;
}

function toJson(p: Problem): Record<string, string | number> {
  return {
    file: p.file,
    line: p.range.start.line + 1,
    column: p.range.start.character + 1,
    endLine: p.range.end.line + 1,
    endColumn: p.range.end.character + 1,
    severity: p.severity,
    rule: p.rule,
    message: p.message,
  };
}

export function sortProblems(problems: readonly Problem[]): Problem[] {
  return [...problems].sort((a, b) =>
    a.file !== b.file ? (a.file < b.file ? -1 : 1)
      : a.range.start.line - b.range.start.line || a.range.start.character - b.range.start.character || (a.rule < b.rule ? -1 : a.rule > b.rule ? 1 : 0));
}

function summary(problems: readonly Problem[]): string {
  if (problems.length === 0) return 'No problems.';
  const count = (s: string): number => problems.filter((p) => p.severity === s).length;
  const parts = (['error', 'warning', 'info', 'hint'] as const)
    .map((s) => [count(s), s] as const)
    .filter(([n]) => n > 0)
    .map(([n, s]) => `${n} ${s}${n === 1 ? '' : 's'}`);
  return `${problems.length} problem${problems.length === 1 ? '' : 's'} (${parts.join(', ')})`;
}

if (require.main === module) {
  runCli(process.argv.slice(2), {
    out: (t) => process.stdout.write(t),
    err: (t) => process.stderr.write(t),
    cwd: process.cwd(),
    now: () => new Date(),
  }).then(
    (code) => {
      process.exitCode = code;
    },
    (e: unknown) => {
      // The kind of error only: a message or a stack may quote a team file (docs/security.md). Set
      // ONE_ON_ONES_DEBUG=1 to see the stack when reporting a bug.
      const kind = e instanceof Error && /^[A-Za-z]{1,40}$/.test(e.name) ? e.name : 'unknown error';
      const detail = process.env.ONE_ON_ONES_DEBUG === '1' && e instanceof Error ? `\n${escapeText(e.stack ?? '')}` : '';
      process.stderr.write(`one-on-ones: internal error (${kind}); please report it (ONE_ON_ONES_DEBUG=1 shows details).${detail}\n`);
      process.exitCode = 3;
    },
  );
}
