/**
 * The time zones the calendar export can describe: those @touch4it/ical-timezones has a VTIMEZONE for (IANA names,
 * plus a few Windows-style aliases it knows). Only its name table is read here; the VTIMEZONE text itself is passed
 * in by the adapters (src/cli/export.ts, src/vscode/exports.ts), so the core opens no file.
 */
// The webview type check (webview/tsconfig.json) reaches this file through the core without including the
// declaration, so it is referenced here; an import of a .d.ts would be a module that does not exist at run time.
// eslint-disable-next-line @typescript-eslint/triple-slash-reference
/// <reference path="./ical-timezones.d.ts" />
import zones from '@touch4it/ical-timezones/zones.js';
import { nearest } from '../format/parse';

/** Names the package lists but ships no file for (its own table is ahead of its data). */
const MISSING = new Set(['Canada/Saskatchewan', 'CCST']);

export function isKnownTimeZone(name: string): boolean {
  return Object.hasOwn(zones, name) && !MISSING.has(name);
}

/** The known name closest to `name` (a likely typo), if any. */
export function similarTimeZones(name: string): string[] {
  const hit = nearest(name, Object.keys(zones).filter((z) => !MISSING.has(z)));
  return hit ? [hit] : [];
}
