/**
 * `one-on-ones check [TEAM_FOLDER] [options]`: the extension's index and rules from the command line, for a
 * pre-commit hook or the CI of the team repository; `one-on-ones summary FOLDER...`, a roll-up over teams (src/cli/summary.ts),
 * which also reads what `check --format json` wrote.
 * Exit codes: 0 no error (warnings allowed), 1 at least one error
 * (or more warnings than `--max-warnings`), 2 bad arguments or no such folder, 3 an internal error.
 */
import { isMainThread, workerData } from 'node:worker_threads';
import { runCheck } from './cli/check';
import { CHECK_OPTIONS } from './cli/check';
import type { CliIo } from './cli/check';
import { parseCommandLine, UsageError } from './cli/args';
import { FORMATS } from './cli/output';
import { runSummary, SUMMARY_FORMATS, SUMMARY_OPTIONS } from './cli/summary';
import { EXPORT_OPTIONS, runExportCommand } from './cli/export';
import { RULES } from './core/rules/registry';
import { escapeText } from './node/terminalText';
import { isCheckWorkerTask, PARALLEL_FROM_REPORTS, runCheckWorker } from './cli/parallel';

export type { CliIo } from './cli/check';
export { sortProblems } from './cli/output';

declare const __VERSION__: string;

const USAGE = `Usage: one-on-ones check [TEAM_FOLDER] [options]
       one-on-ones summary FOLDER... [--format FORMAT] [--names] [--today YYYY-MM-DD]
       one-on-ones export KIND TEAM_FOLDER [options] [--out FILE]

Checks a First-Class 1:1s team folder (default: ./one-on-ones) and prints its problems like a linter.

Options:
  --today YYYY-MM-DD     the day to check as of (default: today's local date)
  --format FORMAT        ${FORMATS.join(', ')}:
                           text: grouped by report, "path:line:col severity message [rule]", then counts (default)
                           json: {problems, summary}: the problems and the team's counts (for summary);
                           sarif: SARIF 2.1.0 for code scanning;
                           github: GitHub Actions annotations (::warning file=…::message)
  --quiet                errors only (warnings still count for --max-warnings)
  --max-warnings N       exit 1 when there are more than N warnings
  --staged               check what git is about to commit: the index's version of the team folder, problems of the
                         reports with a staged change (for a pre-commit hook)
  --recent               check only what the rules read (profiles, goals, the newest 1:1s), as the editor does;
                         by default every meeting file is parsed, so file problems in old 1:1s are reported too
  --rule ID=SEVERITY     set a rule's severity: off, hint, info, warning or error (repeatable)
  --no-status-update     switch the status-update heuristic off
  --jobs N               threads for the check of the whole folder, 1 to 8 (default: one per core, at most 4, from
                         ${PARALLEL_FROM_REPORTS} report folders on, else 1); the output is the same
  -h, --help             this help
  -v, --version          the version

summary: a roll-up for a manager of managers. Each FOLDER is a team folder, or a JSON file that
\`summary --format json\` or \`check --format json\` wrote for one. One row per team and a total: reports,
adherence over 13 weeks, overdue now, without an active goal, career 1:1s overdue, prepared 1:1s. Never a note or a
feedback text.
  --format FORMAT        ${SUMMARY_FORMATS.join(', ')} (default: text)
  --names                also a row per report (names and numbers); by default counts only

export: KIND is agenda, calendar, handbook, review or handoff (docs/exports.md), written to standard output or
to --out FILE (never inside .git or over a team file). Private notes and undelivered feedback stay out unless named.
  --report ID            the report (agenda, review, handoff)
  --date YYYY-MM-DD      agenda: the 1:1's day (default: the next planned one, else the next due date)
  --include-feedback     agenda: also feedback not delivered yet
  --from/--to YYYY-MM-DD review: the period
  --include-private      review: also the private notes (the only way they leave the team folder)
  --out FILE, -o FILE    write the file (atomically) instead of standard output
  Exit code: 0 written, 1 written with team.yaml errors worked around (or not writable), 2 bad arguments.

Exit code: 0 when there is no error, 1 when there is at least one error (or more warnings than --max-warnings),
2 on a bad argument or a missing folder.
Colour on a terminal; NO_COLOR=1 switches it off, FORCE_COLOR=1 on.
Rules: ${[...RULES.keys()].join(', ')}.`;

function version(): string {
  return typeof __VERSION__ === 'string' ? __VERSION__ : 'dev';
}

export async function runCli(argv: readonly string[], io: CliIo): Promise<number> {
  try {
    const parsed = parseCommandLine(argv, { check: CHECK_OPTIONS, summary: SUMMARY_OPTIONS, export: EXPORT_OPTIONS });
    if (parsed === 'help') {
      io.out(`${USAGE}\n`);
      return 0;
    }
    if (parsed === 'version') {
      io.out(`${version()}\n`);
      return 0;
    }
    if (parsed.command === 'summary') return await runSummary(parsed, io);
    if (parsed.command === 'export') return await runExportCommand(parsed, io);
    return await runCheck(parsed, io, version());
  } catch (e) {
    if (e instanceof UsageError) {
      io.err(`one-on-ones: ${escapeText(e.message)}\n\n${USAGE}\n`);
      return 2;
    }
    throw e;
  }
}

if (!isMainThread) {
  // A thread of `check --jobs` (src/cli/parallel.ts): it checks its share and posts the result.
  if (isCheckWorkerTask(workerData)) void runCheckWorker(workerData);
} else if (require.main === module) {
  runCli(process.argv.slice(2), {
    out: (t) => process.stdout.write(t),
    err: (t) => process.stderr.write(t),
    cwd: process.cwd(),
    now: () => new Date(),
    env: process.env,
    isTTY: process.stdout.isTTY === true,
    workerEntry: __filename,
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
