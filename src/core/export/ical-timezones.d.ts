// The zone table of @touch4it/ical-timezones (a plain object: zone name → .ics file name). The package types its
// main module only; the core reads just this table (no file is opened), to validate team.yaml's `time-zone`.
declare module '@touch4it/ical-timezones/zones.js' {
  const zones: Readonly<Record<string, string>>;
  export = zones;
}
