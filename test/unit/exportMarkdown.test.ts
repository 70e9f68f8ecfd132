/**
 * The Markdown exports (issue #15): their structure (headings, lists) and names with Markdown or HTML in them
 * escaped, so `<script>`, `*`, `|` and `[x](y)` read as written and never become a tag, emphasis, a column or a link.
 */
import * as assert from 'node:assert/strict';
import { runExport } from '../../src/core/export/exports';
import type { ExportKind, ExportOptions } from '../../src/core/export/exports';
import { check, reportFiles, yaml } from './helpers/builders';
import type { Files } from './helpers/builders';

const TODAY = '2026-11-24';
const HOSTILE = '<script>alert(1)</script> *bold* | pipe [x](https://evil.example) `code` # not a heading';

function files(): Files {
  return {
    'team.yaml': yaml({ manager: 'Kim <b>Park</b>', cadence: 'biweekly', 'grace-days': 3, 'career-every': '12w', handbook: { feedback: 'We use **SBI**.\n\n# My heading\n\n<img src=x onerror=alert(1)>' } }),
    ...reportFiles('eve', {
      name: HOSTILE,
      since: '2026-01-05',
      aspirations: [`Aspire ${HOSTILE}`],
      goals: [{ id: 'g1', title: `Goal ${HOSTILE}`, start: '2026-10-20', success: `Success ${HOSTILE}` }],
      meetings: {
        '2026-11-10': { kind: 'career', goals: { g1: `Check ${HOSTILE}` }, reportTopics: [`Career ${HOSTILE}`], actions: [{ text: `Done ${HOSTILE}`, owner: 'report', done: true }] },
        '2026-11-17': { goals: { g1: `Check ${HOSTILE}` }, actions: [{ text: `Act ${HOSTILE}`, owner: 'manager', due: '2026-11-20' }] },
        '2026-11-26': { status: 'planned', reportTopics: [`Topic ${HOSTILE}`], topics: [`Mine ${HOSTILE}`], feedback: [{ type: 'positive', text: `Praise ${HOSTILE}`, delivered: true }] },
      },
    }),
  };
}

async function run(kind: ExportKind, options: ExportOptions = {}): Promise<string> {
  const { checker } = await check(files(), { today: TODAY });
  return runExport(kind, checker.queries, options);
}

function assertEscaped(text: string): void {
  assert.doesNotMatch(text, /<script>|<b>|<img/, 'no raw HTML');
  assert.doesNotMatch(text, /\[x\]\(https/, 'no link');
  assert.doesNotMatch(text, /(^|[^\\])\*bold\*/, 'no emphasis');
  assert.doesNotMatch(text, /(^|[^\\])\| pipe/, 'no bare pipe');
  assert.doesNotMatch(text, /^# not a heading/m);
}

const headings = (text: string): string[] => text.split('\n').filter((l) => /^#{1,3} /.test(l)).map((l) => l.replace(/ —.*$/, ''));

describe('export: Markdown structure and escaping', () => {
  it('agenda: the next planned 1:1, their topics and mine, goals with the last check-in, open actions with owners', async () => {
    const text = await run('agenda', { report: 'eve' });
    assertEscaped(text);
    assert.match(text, /^# 1:1 — &lt;script&gt;alert\\\(1\\\)&lt;\/script&gt; \\\*bold\\\* \\\| pipe/);
    assert.match(text, /Thursday 2026-11-26/);
    assert.deepEqual(headings(text).slice(1, 5), ['## Your topics', '## Kim &lt;b&gt;Park&lt;/b&gt;\'s topics', '## Goals', '### Goal &lt;script&gt;alert\\(1\\)&lt;/script&gt; \\*bold\\* \\| pipe \\[x\\]\\(https://evil.example\\) \\`code\\` \\# not a heading']);
    assert.match(text, /^- Topic &lt;script&gt;/m);
    assert.match(text, /^- Last check-in \(2026-11-17\): Check /m);
    assert.match(text, /^- \[ \] Act .* — Kim &lt;b&gt;Park&lt;\/b&gt;, due 2026-11-20/m);
    assert.match(text, /^## Feedback\n\n- \*\*Positive:\*\* Praise /m);
  });

  it('review: sections in order, feedback by type, goals, career conversations, actions completed, adherence', async () => {
    const text = await run('review', { report: 'eve', from: '2026-10-01', to: '2026-11-30' });
    assertEscaped(text);
    assert.deepEqual(headings(text).filter((h) => h.startsWith('## ')), ['## Cadence', '## Feedback given', '## Goals', '## Career conversations', '## Actions completed']);
    assert.match(text, /^### Positive \(2\)$/m);
    assert.match(text, /^- Adherence: \d+ % \(\d+ of \d+ weeks/m);
    assert.match(text, /^### Started in the period \(1\)\n\n- \*\*Goal /m);
    assert.match(text, /^- 2026-11-10: Career /m);
    assert.match(text, /^- 2026-11-10 \(.*\): Done /m);
  });

  it('handoff: aspirations, goals with their history, open actions, cadence history, last career conversation', async () => {
    const text = await run('handoff', { report: 'eve' });
    assertEscaped(text);
    assert.deepEqual(headings(text).filter((h) => h.startsWith('## ')), ['## Aspirations', '## Goals', '## Open actions', '## Cadence history', '## Last career conversation', '## Feedback given, last 26 weeks']);
    assert.match(text, /^ {2}- 2026-11-10: Check /m);
    assert.match(text, /^- Tuesday 2026-11-10$/m);
  });

  it('handbook: every section from team.yaml (cadence, grace, career-every), the manager\'s override used, HTML shown as text', async () => {
    const text = await run('handbook');
    assert.deepEqual(headings(text), ['# How our 1:1s work', '## What a 1:1 is for', '## What a 1:1 is not for', '## How often', '## How we both prepare', '## Feedback, both ways', '### My heading', '## Two-month goals', '## Career conversations', '## What stays private']);
    assert.match(text, /We meet every two weeks/);
    assert.match(text, /more than 3 days late/);
    assert.match(text, /About every 3 months \(12 weeks\)/);
    assert.match(text, /not status updates/);
    assert.match(text, /We use \*\*SBI\*\*\.\n\n### My heading\n\n&lt;img src=x onerror=alert\(1\)>/);
    assert.doesNotMatch(text, /<img|<b>/);
  });

  it('an unknown handbook section is an unknown-key finding on team.yaml, with a suggestion', async () => {
    const { problems } = await check({ 'team.yaml': yaml({ handbook: { carreer: 'x' } }) }, { today: TODAY });
    const p = problems.find((x) => x.rule === 'unknown-key');
    assert.ok(p);
    assert.match(p.message, /Did you mean `career`/);
  });
});
