/**
 * `one-on-ones check` output formats for CI (issue #16): text grouped by report with colour rules, --quiet and
 * --max-warnings, GitHub workflow commands that no name can forge, and SARIF 2.1.0 checked against the published
 * JSON schema with a standard validator (ajv).
 */
import * as assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import { mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import * as path from 'node:path';
import { Ajv } from 'ajv';
import { runCli } from '../../src/cli';
import { RULES } from '../../src/core/rules/registry';

const ROOT = path.resolve(__dirname, '../../..');
const CLI = path.join(ROOT, 'out/cli.js');
const TEAM = 'test/fixtures/cli-team';
const GOLDEN = path.join(ROOT, 'test/golden');
const SARIF_SCHEMA = path.join(ROOT, 'node_modules/@microsoft/jest-sarif/lib/schemas/sarif-2.1.0-rtm.5.json');

function cli(args: string[], env: Record<string, string | undefined> = {}, cwd = ROOT): { code: number | null; stdout: string; stderr: string } {
  const base = { ...process.env };
  delete base.NO_COLOR;
  delete base.FORCE_COLOR;
  const r = spawnSync(process.execPath, [CLI, ...args], { cwd, encoding: 'utf8', env: { ...base, ...env } });
  return { code: r.status, stdout: r.stdout, stderr: r.stderr };
}

/** The CLI in this process, with a terminal or not and a given environment. */
async function inProcess(args: string[], isTTY: boolean, env: Record<string, string>): Promise<{ code: number; stdout: string }> {
  let stdout = '';
  const code = await runCli(args, { out: (t) => (stdout += t), err: () => undefined, cwd: ROOT, now: () => new Date('2026-11-24T12:00:00'), env, isTTY });
  return { code, stdout };
}

/** A validator for SARIF 2.1.0 from the schema as published (draft-04: its `$schema` and `id` are dropped for ajv 8). */
function sarifValidator(): (data: unknown) => string[] {
  const schema = JSON.parse(readFileSync(SARIF_SCHEMA, 'utf8')) as Record<string, unknown>;
  assert.match(String(schema.title), /SARIF\) Version 2\.1\.0/);
  delete schema.$schema;
  delete schema.id;
  const isUrl = (s: string, base?: string): boolean => {
    try {
      new URL(s, base);
      return true;
    } catch {
      return false;
    }
  };
  const ajv = new Ajv({
    allErrors: true,
    strict: false,
    // The schema's language pattern is not valid with the `u` flag (a stray `]`); as a plain RegExp it is.
    unicodeRegExp: false,
    formats: { uri: (s: string) => isUrl(s), 'uri-reference': (s: string) => isUrl(s, 'file:///repo/') && !/\s/.test(s), 'date-time': (s: string) => !Number.isNaN(Date.parse(s)) },
  });
  const validate = ajv.compile(schema);
  return (data) => (validate(data) ? [] : (validate.errors ?? []).map((e) => `${e.instancePath} ${e.message ?? ''}`));
}

describe('CLI formats: text', () => {
  it('colour only on a terminal, off with NO_COLOR, forced with FORCE_COLOR (FORCE_COLOR=0 off)', async () => {
    const args = ['check', TEAM, '--today', '2026-11-24'];
    const esc = /\u001b\[/;
    assert.match((await inProcess(args, true, {})).stdout, esc, 'a terminal gets colour');
    assert.match((await inProcess(args, true, {})).stdout, /\u001b\[31merror\u001b\[0m/);
    assert.doesNotMatch((await inProcess(args, true, { NO_COLOR: '1' })).stdout, esc, 'NO_COLOR');
    assert.match((await inProcess(args, true, { NO_COLOR: '' })).stdout, esc, 'an empty NO_COLOR is not set');
    assert.doesNotMatch((await inProcess(args, true, { TERM: 'dumb' })).stdout, esc, 'a dumb terminal');
    assert.doesNotMatch((await inProcess(args, true, { FORCE_COLOR: '0' })).stdout, esc, 'FORCE_COLOR=0');
    assert.doesNotMatch(cli(args).stdout, esc, 'a pipe gets none');
    const forced = cli(args, { FORCE_COLOR: '1', NO_COLOR: '1' });
    assert.match(forced.stdout, esc, 'FORCE_COLOR wins');
    // Without the colour codes the output is exactly the plain one.
    assert.equal(forced.stdout.replace(/\u001b\[\d+m/g, ''), readFileSync(path.join(GOLDEN, 'cli-team.txt'), 'utf8'));
  });

  it('--quiet shows errors only; the exit code is the same', () => {
    const r = cli(['check', TEAM, '--today', '2026-11-24', '--quiet']);
    assert.equal(r.code, 1);
    assert.equal(r.stdout, [
      'dana: 1 problem',
      'dana/meetings/2026-11-10.yaml:2:9 error `status` must be one of: planned, held, skipped (got `hled`). [schema]',
      '',
      '1 problem (1 error)',
      'by rule: schema 1',
      '',
    ].join('\n'));
    const json = cli(['check', TEAM, '--today', '2026-11-24', '--quiet', '--format', 'json']);
    assert.deepEqual((JSON.parse(json.stdout) as { problems: Array<{ rule: string }> }).problems.map((p) => p.rule), ['schema']);
  });

  it('--max-warnings N fails the run past N warnings, even with no error and with --quiet', () => {
    const args = ['check', TEAM, '--today', '2026-11-24', '--rule', 'schema=off'];
    assert.equal(cli(args).code, 0, 'three warnings, no error');
    assert.equal(cli([...args, '--max-warnings', '3']).code, 0);
    const over = cli([...args, '--max-warnings=2', '--quiet']);
    assert.equal(over.code, 1);
    assert.equal(over.stderr, 'one-on-ones: 3 warnings, more than --max-warnings 2.\n');
    assert.equal(over.stdout, 'No problems.\n', '--quiet still hides them');
    assert.equal(cli([...args, '--max-warnings', '0', '--rule', 'goal-expired=info', '--rule', 'cadence-overdue=info', '--rule', 'no-first-meeting=hint']).code, 0, 'info and hints are not warnings');
  });
});

describe('CLI formats: GitHub Actions workflow commands', () => {
  it('one command per problem, placed by the path from the repository root (golden file)', () => {
    const r = cli(['check', TEAM, '--today', '2026-11-24', '--format', 'github']);
    assert.equal(r.code, 1);
    assert.equal(r.stdout, readFileSync(path.join(GOLDEN, 'cli-team.github.txt'), 'utf8'));
    // From inside the team folder the paths are the same: they are the repository's, not the working folder's.
    const inside = cli(['check', '.', '--today', '2026-11-24', '--format', 'github'], {}, path.join(ROOT, TEAM));
    assert.equal(inside.stdout, r.stdout);
  });

  describe('hostile names and text', () => {
    let dir = '';
    // A folder name with a newline that would start a forged command, property separators, an encoded newline and
    // a percent sign; a key with CR/LF and C1; a meeting file named like a command.
    const evilFolder = 'Evil,title=x:y%0A\n::error file=forged.yaml::boom';
    const evilKey = '::warning::key\r\n::error::k\u009b';
    before(() => {
      dir = mkdtempSync(path.join(tmpdir(), 'oneonones-gh-'));
      mkdirSync(path.join(dir, evilFolder));
      mkdirSync(path.join(dir, 'ana', 'meetings'), { recursive: true });
      writeFileSync(path.join(dir, 'ana', 'report.yaml'), `name: "Ana\\n::error::x"\n${JSON.stringify(evilKey)}: 1\n`);
      writeFileSync(path.join(dir, 'ana', 'meetings', '2026-11-20\n::error::x.yaml'), 'date: 2026-11-20\n');
    });
    after(() => rmSync(dir, { recursive: true, force: true }));

    it('every line is exactly one well-formed command; decoding the properties gives the names back', () => {
      const r = cli(['check', dir, '--today', '2026-11-24', '--format', 'github']);
      const json = (JSON.parse(cli(['check', dir, '--today', '2026-11-24', '--format', 'json']).stdout) as { problems: Array<{ file: string; message: string }> }).problems;
      const lines = r.stdout.trimEnd().split('\n');
      assert.equal(lines.length, json.length, r.stdout);
      const decode = (s: string): string => s.replace(/%3A/g, ':').replace(/%2C/g, ',').replace(/%0D/g, '\r').replace(/%0A/g, '\n').replace(/%25/g, '%');
      const files: string[] = [];
      for (const line of lines) {
        const m = /^::(error|warning|notice) file=([^,:]*),line=\d+,col=\d+,endLine=\d+,endColumn=\d+,title=([a-z-]+)::([^\r\n]*)$/.exec(line);
        assert.ok(m, line);
        files.push(decode(m[2]));
        assert.doesNotMatch(m[4], /[\u0000-\u001f\u007f-\u009f]/, 'no raw control in a message');
      }
      // Team-relative names come back whole after the prefix (the temp folder is not in a repository: cwd-relative).
      const prefix = `${path.relative(ROOT, dir).split(path.sep).join('/')}/`;
      assert.ok(files.includes(`${prefix}${evilFolder}`), files.join('\n'));
      assert.ok(files.includes(`${prefix}ana/meetings/2026-11-20\n::error::x.yaml`), files.join('\n'));
      assert.ok(r.stdout.includes('::Ana%0A::error::x has no active'), 'a newline in a name is encoded');
      assert.ok(r.stdout.includes('::error::k\\u009b`'), 'C1 made visible');
    });

    it('SARIF of the hostile folder is valid and holds the exact names as URIs', () => {
      const r = cli(['check', dir, '--today', '2026-11-24', '--format', 'sarif']);
      const log = JSON.parse(r.stdout) as SarifLog;
      assert.deepEqual(sarifValidator()(log), []);
      const uris = log.runs[0].results.map((x) => decodeURIComponent(x.locations[0].physicalLocation.artifactLocation.uri));
      assert.ok(uris.some((u) => u.endsWith(`/${evilFolder}`)), uris.join('\n'));
      assert.doesNotMatch(r.stdout, /[\u007f-\u009f\u202a-\u202e]/);
    });
  });
});

interface SarifLog {
  version: string;
  runs: Array<{
    tool: { driver: { name: string; version: string; informationUri: string; rules: Array<{ id: string; shortDescription: { text: string }; helpUri: string; defaultConfiguration: { level: string } }> } };
    results: Array<{ ruleId: string; level: string; message: { text: string }; locations: Array<{ physicalLocation: { artifactLocation: { uri: string }; region: Record<string, number> } }> }>;
  }>;
}

describe('CLI formats: SARIF 2.1.0', () => {
  it('is valid against the SARIF 2.1.0 JSON schema, and the validator does catch a broken log', () => {
    const r = cli(['check', TEAM, '--today', '2026-11-24', '--format', 'sarif']);
    assert.equal(r.code, 1);
    const log = JSON.parse(r.stdout) as SarifLog;
    const validate = sarifValidator();
    assert.deepEqual(validate(log), []);
    const broken = JSON.parse(r.stdout) as SarifLog;
    broken.runs[0].results[0].level = 'info';
    assert.notDeepEqual(validate(broken), [], 'a level SARIF does not have');
    delete (broken.runs[0].results[0] as Partial<SarifLog['runs'][0]['results'][0]>).message;
    assert.ok(validate(broken).length >= 2);
  });

  it('names the tool and every rule with its help link and default level; results as in the golden file', () => {
    const log = JSON.parse(cli(['check', TEAM, '--today', '2026-11-24', '--format', 'sarif']).stdout) as SarifLog;
    const driver = log.runs[0].tool.driver;
    const version = (JSON.parse(readFileSync(path.join(ROOT, 'package.json'), 'utf8')) as { version: string }).version;
    assert.equal(driver.name, 'one-on-ones');
    assert.equal(driver.version, version);
    assert.match(driver.informationUri, /^https:\/\//);
    const level: Record<string, string> = { error: 'error', warning: 'warning', info: 'note', hint: 'note' };
    assert.deepEqual(driver.rules.map((r) => r.id), [...RULES.keys()]);
    for (const rule of driver.rules) {
      const info = RULES.get(rule.id)!;
      assert.equal(rule.shortDescription.text, info.summary);
      assert.equal(rule.defaultConfiguration.level, level[info.severity]);
      assert.ok(rule.helpUri.endsWith(`/docs/rules.md#${rule.id}`), rule.helpUri);
    }
    const golden = JSON.parse(readFileSync(path.join(GOLDEN, 'cli-team.sarif.json'), 'utf8')) as SarifLog;
    assert.deepEqual(log.runs[0].results, golden.runs[0].results);
    // Located from the repository root, with the start and end of each problem.
    assert.deepEqual(log.runs[0].results[1].locations[0].physicalLocation, {
      artifactLocation: { uri: 'test/fixtures/cli-team/dana/meetings/2026-11-10.yaml', uriBaseId: '%SRCROOT%' },
      region: { startLine: 2, startColumn: 9, endLine: 2, endColumn: 13 },
    });
  });
});
