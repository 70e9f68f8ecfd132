/**
 * `one-on-ones export KIND TEAM_FOLDER [options]`: the agenda, calendar, handbook, review and handoff exports
 * (src/core/export) from the command line, to standard output or to a file (`--out`). A file is written atomically
 * (a temporary file beside it, then a rename), never inside a `.git` folder, never over a file of the team folder's
 * layout, never through a symbolic link. Exit codes: 0 written; 1 written, but team.yaml has an error the export
 * worked around (its defaults were used), or the file could not be written; 2 a bad argument, no such folder or
 * report, or an --out the export refuses.
 */
import { getVtimezoneComponent } from '@touch4it/ical-timezones';
import { lstatSync, realpathSync, statSync } from 'node:fs';
import * as path from 'node:path';
import { TeamChecker } from '../core/checker';
import { isIsoDate, isoDateOf } from '../core/dates';
import { CalendarError } from '../core/export/calendar';
import { EXPORT_KINDS, ExportRequestError, isExportKind, runExport } from '../core/export/exports';
import type { ExportOptions } from '../core/export/exports';
import { classifyPath } from '../core/paths';
import { writeFileAtomically } from '../node/atomicWrite';
import { NodeTeamFileSystem } from '../node/nodeFs';
import { escapeText } from '../node/terminalText';
import { booleanOption, stringOption, UsageError } from './args';
import type { OptionTable, ParsedCommand } from './args';
import type { CliIo } from './check';

export const EXPORT_OPTIONS: OptionTable = {
  today: { type: 'string' },
  report: { type: 'string' },
  date: { type: 'string' },
  from: { type: 'string' },
  to: { type: 'string' },
  'include-feedback': { type: 'boolean' },
  'include-private': { type: 'boolean' },
  out: { type: 'string', short: 'o' },
};

/** Why `--out` is refused, or undefined when the file may be written there. */
export function refusedOutPath(out: string, teamRoot: string): string | undefined {
  const abs = path.resolve(out);
  // Where the file really lands: the real path of its folder (a link to inside .git or the team folder is caught).
  let dir: string;
  try {
    dir = realpathSync(path.dirname(abs));
  } catch {
    return 'its folder does not exist';
  }
  const target = path.join(dir, path.basename(abs));
  if (target.split(path.sep).includes('.git')) return 'it is inside a .git folder';
  try {
    const st = lstatSync(target);
    if (st.isSymbolicLink()) return 'it is a symbolic link';
    if (!st.isFile()) return 'it is not a plain file';
  } catch {
    // Not there yet: fine.
  }
  let root: string;
  try {
    root = realpathSync(teamRoot);
  } catch {
    root = path.resolve(teamRoot);
  }
  const rel = path.relative(root, target);
  if (rel === '' ) return 'it is the team folder';
  if (!rel.startsWith('..') && !path.isAbsolute(rel)) {
    const info = classifyPath(rel.split(path.sep).join('/'));
    if (info.kind !== 'other' || rel.endsWith('.yaml')) return 'it is a file of the team folder';
  }
  return undefined;
}

/** Writes a temporary file next to the target and renames it over: a reader never sees half a file. */
function date(parsed: ParsedCommand, name: string): string | undefined {
  const v = stringOption(parsed, name);
  if (v !== undefined && !isIsoDate(v)) throw new UsageError(`--${name} needs a date as YYYY-MM-DD.`);
  return v;
}

export async function runExportCommand(parsed: ParsedCommand, io: CliIo): Promise<number> {
  const [kind, folder, ...extra] = parsed.positionals;
  if (kind === undefined) throw new UsageError(`Name what to export: ${EXPORT_KINDS.join(', ')}.`);
  if (!isExportKind(kind)) throw new UsageError(`Unknown export \`${kind}\`: one of ${EXPORT_KINDS.join(', ')}.`);
  if (folder === undefined) throw new UsageError('Name the team folder: one-on-ones export KIND TEAM_FOLDER.');
  if (extra.length > 0) throw new UsageError('One team folder only.');
  const today = date(parsed, 'today') ?? isoDateOf(io.now());
  const root = path.resolve(io.cwd, folder);
  try {
    if (!statSync(root).isDirectory()) throw new Error('not a folder');
  } catch {
    io.err(`one-on-ones: no team folder at ${escapeText(folder)}.\n`);
    return 2;
  }
  const out = stringOption(parsed, 'out');
  const outAbs = out === undefined ? undefined : path.resolve(io.cwd, out);
  if (outAbs !== undefined) {
    const why = refusedOutPath(outAbs, root);
    if (why) {
      io.err(`one-on-ones: not writing to ${escapeText(out ?? '')}: ${why}.\n`);
      return 2;
    }
  }
  const options: ExportOptions = {
    report: stringOption(parsed, 'report'),
    date: date(parsed, 'date'),
    from: date(parsed, 'from'),
    to: date(parsed, 'to'),
    includeFeedback: booleanOption(parsed, 'include-feedback', false),
    includePrivate: booleanOption(parsed, 'include-private', false),
    teamKey: path.basename(root),
    vtimezone: getVtimezoneComponent,
  };
  const checker = await TeamChecker.open(new NodeTeamFileSystem(root), { today });
  let text: string;
  try {
    text = await runExport(kind, checker.queries, options);
  } catch (e) {
    if (e instanceof ExportRequestError) throw new UsageError(e.message);
    if (e instanceof CalendarError) {
      io.err(`one-on-ones: ${escapeText(e.message)}\n`);
      return 1;
    }
    throw e;
  }
  // team.yaml's errors (a time zone or meeting time it could not read) were worked around with the defaults: said.
  const teamErrors = checker.queries.problemsOf('team.yaml').filter((f) => f.rule === 'schema');
  for (const f of teamErrors) io.err(`one-on-ones: team.yaml:${f.range.start.line + 1}: ${escapeText(f.message)}\n`);
  if (outAbs === undefined) io.out(text);
  else {
    try {
      await writeFileAtomically(outAbs, text);
    } catch {
      io.err(`one-on-ones: could not write ${escapeText(out ?? '')}.\n`);
      return 1;
    }
    io.err(`Wrote ${escapeText(out ?? '')}.\n`);
  }
  return teamErrors.length > 0 && (kind === 'calendar' || kind === 'handbook') ? 1 : 0;
}
