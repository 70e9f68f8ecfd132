#!/usr/bin/env node
// Copies a team folder with every date moved by whole days: the YYYY-MM-DD values in its YAML files and the dates in
// meeting file names. `npm start` serves the demo team this way, so that the day its story is told as of
// (2026-11-24) is today, and VS Code shows what `one-on-ones check examples/demo-team --today 2026-11-24` prints.
//
//   node scripts/demo/shift.mjs FROM TO --days N
//   node scripts/demo/shift.mjs FROM TO --as-of 2026-11-24 [--today YYYY-MM-DD, default: today's local date]
import fs from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { parseArgs } from 'node:util';

const DAY_MS = 86_400_000;
const utcDay = (s) => Date.UTC(Number(s.slice(0, 4)), Number(s.slice(5, 7)) - 1, Number(s.slice(8, 10))) / DAY_MS;

/** Today's local calendar date, YYYY-MM-DD. */
export function localToday() {
  const t = new Date();
  return `${t.getFullYear()}-${String(t.getMonth() + 1).padStart(2, '0')}-${String(t.getDate()).padStart(2, '0')}`;
}

/** Whole days from calendar date `a` to `b`. */
export function daysFrom(a, b) {
  return Math.round(utcDay(b) - utcDay(a));
}

export function shiftDate(s, days) {
  return new Date((utcDay(s) + days) * DAY_MS).toISOString().slice(0, 10);
}

/** True for a real calendar date: the demo's deliberately wrong ones (`2026-02-30`) stay wrong. */
function isCalendarDate(s) {
  return shiftDate(s, 0) === s;
}

/** Every YYYY-MM-DD in a text that is a calendar date, moved by `days`. */
export function shiftText(text, days) {
  return text.replace(/\b\d{4}-\d{2}-\d{2}\b/g, (m) => (isCalendarDate(m) ? shiftDate(m, days) : m));
}

/** Copies `from` to `to`, moving every date in YAML files and meeting file names by `days`; other files as they are. */
export function copyShifted(from, to, days) {
  fs.mkdirSync(to, { recursive: true });
  for (const entry of fs.readdirSync(from, { withFileTypes: true })) {
    const src = path.join(from, entry.name);
    const dest = path.join(to, entry.name.replace(/^\d{4}-\d{2}-\d{2}/, (m) => shiftText(m, days)));
    if (entry.isDirectory()) copyShifted(src, dest, days);
    else if (entry.name.endsWith('.yaml')) fs.writeFileSync(dest, shiftText(fs.readFileSync(src, 'utf8'), days));
    else fs.copyFileSync(src, dest);
  }
}

if (process.argv[1] && path.resolve(process.argv[1]) === fileURLToPath(import.meta.url)) {
  const { values, positionals } = parseArgs({ options: { days: { type: 'string' }, 'as-of': { type: 'string' }, today: { type: 'string' } }, allowPositionals: true });
  if (positionals.length !== 2 || (values.days === undefined) === (values['as-of'] === undefined)) {
    process.stderr.write('usage: shift.mjs FROM TO (--days N | --as-of YYYY-MM-DD [--today YYYY-MM-DD])\n');
    process.exit(2);
  }
  const days = values.days !== undefined ? Number(values.days) : daysFrom(values['as-of'], values.today ?? localToday());
  copyShifted(path.resolve(positionals[0]), path.resolve(positionals[1]), days);
  process.stdout.write(`${days}\n`);
}
