/** `one-on-ones check`: options, the team folder (on disk or in git's index), the checker, the output and the exit code. */
import { statSync } from 'node:fs';
import * as nodePath from 'node:path';
import { TeamChecker } from '../core/checker';
import { addCounts, NO_COUNTS } from '../core/dashboard/summary';
import type { TeamCounts } from '../core/dashboard/summary';
import { isIsoDate, isoDateOf } from '../core/dates';
import { describeFailure, failureKind } from '../core/fs';
import { checkTeamStreaming } from '../core/stream';
import type { TeamFileSystem } from '../core/fs';
import { RULES, SEVERITY_SETTINGS } from '../core/rules/registry';
import type { Problem, SeveritySetting } from '../core/types';
import { GitIndexFileSystem, GitUnavailable, prefixWithin, repositoryRoot } from '../node/gitIndex';
import { escapeText } from '../node/terminalText';
import { booleanOption, listOption, stringOption, UsageError } from './args';
import type { OptionTable, ParsedCommand } from './args';
import { autoJobs, checkInWorkers, MAX_JOBS } from './parallel';
import { SyncReadTeamFileSystem } from './syncFs';
import { formatGithub, formatJson, formatSarif, formatText, FORMATS, sortProblems, useColor } from './output';
import type { OutputFormat } from './output';
import { teamFactsOf } from './summary';
import type { TeamFacts } from './summary';

export interface CliIo {
  readonly out: (text: string) => void;
  readonly err: (text: string) => void;
  readonly cwd: string;
  readonly now: () => Date;
  /** The environment (NO_COLOR, FORCE_COLOR, TERM); none when absent. */
  readonly env?: Readonly<Record<string, string | undefined>>;
  /** Whether standard output is a terminal (colour by default). */
  readonly isTTY?: boolean;
  /**
   * The module a check worker thread runs (the CLI's own file, src/cli.ts); without it every check runs in this
   * thread (`--jobs` is then 1).
   */
  readonly workerEntry?: string;
}

export const CHECK_OPTIONS: OptionTable = {
  today: { type: 'string' },
  format: { type: 'string' },
  recent: { type: 'boolean' },
  rule: { type: 'string', multiple: true },
  'status-update': { type: 'boolean' },
  quiet: { type: 'boolean' },
  'max-warnings': { type: 'string' },
  staged: { type: 'boolean' },
  jobs: { type: 'string' },
};

interface CheckOptions {
  readonly folder: string;
  /** The folder as given (the team's name in the json format's summary, as `summary` names a folder). */
  readonly folderArg: string;
  readonly today: string;
  readonly format: OutputFormat;
  readonly recent: boolean;
  readonly staged: boolean;
  readonly quiet: boolean;
  readonly maxWarnings: number | undefined;
  readonly severities: Readonly<Record<string, SeveritySetting>>;
  readonly statusUpdateHeuristic: boolean;
  /** Worker threads for the check of the whole folder (`--jobs`); undefined: chosen by the team's size. */
  readonly jobs: number | undefined;
}

function checkOptions(parsed: ParsedCommand, io: CliIo): CheckOptions {
  if (parsed.positionals.length > 1) throw new UsageError('Give one team folder.');
  const today = stringOption(parsed, 'today') ?? isoDateOf(io.now());
  if (!isIsoDate(today)) throw new UsageError(`--today must be a calendar date YYYY-MM-DD (got \`${today}\`).`);
  const format = stringOption(parsed, 'format') ?? 'text';
  if (!(FORMATS as readonly string[]).includes(format)) throw new UsageError(`--format must be ${FORMATS.slice(0, -1).join(', ')} or ${FORMATS[FORMATS.length - 1]} (got \`${format}\`).`);
  const max = stringOption(parsed, 'max-warnings');
  if (max !== undefined && !/^\d{1,9}$/.test(max)) throw new UsageError(`--max-warnings must be a whole number of warnings, 0 or more (got \`${max}\`).`);
  const jobs = stringOption(parsed, 'jobs');
  if (jobs !== undefined && (!/^\d{1,2}$/.test(jobs) || Number(jobs) < 1 || Number(jobs) > MAX_JOBS)) throw new UsageError(`--jobs must be a whole number from 1 to ${MAX_JOBS} (got \`${jobs}\`).`);
  const severities: Record<string, SeveritySetting> = {};
  for (const spec of listOption(parsed, 'rule')) {
    const eq = spec.indexOf('=');
    const [id, sev] = eq < 0 ? [spec, ''] : [spec.slice(0, eq), spec.slice(eq + 1)];
    if (!RULES.has(id)) throw new UsageError(`--rule: unknown rule \`${id}\`. Rules: ${[...RULES.keys()].join(', ')}.`);
    if (!(SEVERITY_SETTINGS as readonly string[]).includes(sev)) throw new UsageError(`--rule ${id}: severity must be one of ${SEVERITY_SETTINGS.join(', ')}.`);
    severities[id] = sev as SeveritySetting;
  }
  return {
    folder: nodePath.resolve(io.cwd, parsed.positionals[0] ?? 'one-on-ones'),
    folderArg: parsed.positionals[0] ?? 'one-on-ones',
    today,
    format: format as OutputFormat,
    recent: booleanOption(parsed, 'recent', false),
    staged: booleanOption(parsed, 'staged', false),
    quiet: booleanOption(parsed, 'quiet', false),
    maxWarnings: max === undefined ? undefined : Number(max),
    severities,
    statusUpdateHeuristic: booleanOption(parsed, 'status-update', true),
    jobs: jobs === undefined ? undefined : Number(jobs),
  };
}

/** The report folder a team-relative path belongs to, or undefined for a file at the top (team.yaml). */
function reportOf(path: string): string | undefined {
  const slash = path.indexOf('/');
  return slash > 0 ? path.slice(0, slash) : undefined;
}

/**
 * Runs the checker over the folder or git's index; returns the problems, or an exit code after saying why not. With
 * `onCounts` (the json format), the full check also gives each current report's dashboard counts; `--staged` reads
 * only the staged reports, so it gives none.
 */
async function problemsOf(options: CheckOptions, io: CliIo, onCounts?: (counts: TeamCounts) => void): Promise<Problem[] | number> {
  let fs: TeamFileSystem;
  let staged: string[] | undefined;
  if (options.staged) {
    const root = repositoryRoot(io.cwd);
    const prefix = root === undefined ? undefined : prefixWithin(root, options.folder);
    if (root === undefined || prefix === undefined) {
      io.err(`one-on-ones: --staged checks git's index, and ${escapeText(options.folder)} is not inside the git repository of the current folder.\n`);
      return 2;
    }
    let index: GitIndexFileSystem;
    try {
      staged = GitIndexFileSystem.stagedPaths(root, prefix);
      index = GitIndexFileSystem.open(root, prefix, [...new Set(['team.yaml', ...staged.map((p) => p.split('/')[0])])]);
    } catch (e) {
      if (!(e instanceof GitUnavailable)) throw e;
      io.err(`one-on-ones: --staged: ${escapeText(e.message)}.\n`);
      return 2;
    }
    fs = index;
  } else {
    fs = new SyncReadTeamFileSystem(options.folder);
  }
  try {
    // Nothing staged in the team folder: nothing to check, and no need to read it.
    if (staged !== undefined && staged.length === 0) return [];
    const settings = { severities: options.severities, statusUpdateHeuristic: options.statusUpdateHeuristic };
    // The whole folder: report by report, each report's 1:1s dropped once checked (bounded memory on any history).
    // Reads are synchronous here (SyncReadTeamFileSystem): one report at a time loses nothing and holds the least.
    if (staged === undefined) {
      // Large teams over several threads (src/cli/parallel.ts): the same output, in a fraction of the time.
      const jobs = io.workerEntry === undefined ? 1 : options.jobs ?? autoJobs(options.folder);
      if (jobs > 1 && io.workerEntry !== undefined) {
        const task = { folder: options.folder, today: options.today, severities: options.severities, statusUpdateHeuristic: options.statusUpdateHeuristic, everything: !options.recent, wantCounts: onCounts !== undefined };
        const done = await checkInWorkers(io.workerEntry, task, jobs);
        if (done) {
          onCounts?.(done.counts);
          return done.problems;
        }
      }
      return await checkTeamStreaming(fs, { today: options.today, settings, everything: !options.recent, concurrency: 1, onReportCounts: onCounts });
    }
    const checker = await TeamChecker.open(fs, { today: options.today, settings });
    // A pre-commit hook: the rules' usual window (fast on a large team), plus each staged 1:1 however old; then the
    // problems of the staged files and of the reports they belong to (a renamed goal breaks check-ins elsewhere).
    if (!options.recent) for (const path of staged) await checker.ensureChecked(path);
    const files = new Set(staged);
    const reports = new Set(staged.map(reportOf).filter((r) => r !== undefined));
    return checker.problems().filter((p) => files.has(p.file) || reports.has(reportOf(p.file) ?? ''));
  } catch (e) {
    // Only the team folder's own listing can fail this early (every report is fenced): a clear message, exit 2.
    const kind = failureKind(e);
    if (!kind) throw e;
    io.err(`one-on-ones: cannot read the team folder ${escapeText(options.folder)}: ${describeFailure(kind)}.\n`);
    return 2;
  } finally {
    if (fs instanceof GitIndexFileSystem) fs.close();
  }
}

/** The team folder's path from the repository root (SARIF and annotations are placed by it), else from the cwd. */
function pathPrefix(folder: string, cwd: string): string {
  const root = repositoryRoot(cwd) ?? repositoryRoot(folder);
  const prefix = root === undefined ? undefined : prefixWithin(root, folder);
  if (prefix !== undefined) return prefix;
  const rel = nodePath.relative(cwd, folder).split(nodePath.sep).join('/');
  return rel === '' ? '' : `${rel}/`;
}

export async function runCheck(parsed: ParsedCommand, io: CliIo, version: string): Promise<number> {
  const options = checkOptions(parsed, io);
  let isDir = false;
  try {
    isDir = statSync(options.folder).isDirectory();
  } catch {
    isDir = false;
  }
  if (!isDir && !options.staged) {
    io.err(`one-on-ones: no team folder at ${escapeText(options.folder)}. Pass the folder that holds one sub-folder per report (and team.yaml), e.g. \`one-on-ones check one-on-ones\`.\n`);
    return 2;
  }
  // The json format carries the team's counts for the roll-up (`summary`), added up report by report during the check.
  let counts = NO_COUNTS;
  const wantCounts = options.format === 'json' && !options.staged;
  const found = await problemsOf(options, io, wantCounts ? (c) => (counts = addCounts(counts, c)) : undefined);
  if (typeof found === 'number') return found;
  const summary: TeamFacts | undefined = wantCounts ? teamFactsOf(options.folderArg, options.today, counts) : undefined;
  const all = sortProblems(found);
  const shown = options.quiet ? all.filter((p) => p.severity === 'error') : all;
  const warnings = all.filter((p) => p.severity === 'warning').length;
  switch (options.format) {
    case 'json':
      io.out(formatJson(shown, options.today, summary));
      break;
    case 'sarif':
      io.out(formatSarif(shown, pathPrefix(options.folder, io.cwd), version));
      break;
    case 'github':
      io.out(formatGithub(shown, pathPrefix(options.folder, io.cwd)));
      break;
    case 'text':
      io.out(formatText(shown, { color: useColor(io.env ?? {}, io.isTTY === true) }));
      break;
  }
  const tooMany = options.maxWarnings !== undefined && warnings > options.maxWarnings;
  if (tooMany) io.err(`one-on-ones: ${warnings} warning${warnings === 1 ? '' : 's'}, more than --max-warnings ${options.maxWarnings}.\n`);
  return all.some((p) => p.severity === 'error') || tooMany ? 1 : 0;
}
