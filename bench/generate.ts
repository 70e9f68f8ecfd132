/**
 * Synthetic team folders for the benchmark: weekly 1:1s for years, with the content a real folder has (block
 * scalars, feedback lists, goal check-ins, carried-over actions, unicode names), 1–5 KB a file. Deterministic: the
 * same size always gives the same bytes, so runs on different days compare.
 */
import { existsSync, mkdirSync, rmSync, writeFileSync } from 'node:fs';
import * as path from 'node:path';
import { addDays } from '../src/core/dates';
import { seededRandom } from '../test/support/rng';

export interface BenchSize {
  readonly name: string;
  readonly reports: number;
  readonly years: number;
}

export const SIZES: readonly BenchSize[] = [
  { name: 'small', reports: 10, years: 1 },
  { name: 'large', reports: 200, years: 5 },
  { name: 'huge', reports: 1000, years: 5 },
];

export const BENCH_TODAY = '2026-11-24';
/** Bump when the generated content changes, so cached folders are rebuilt. */
const GENERATOR_VERSION = 3;

const FIRST = ['Zoë', 'Siddharth', 'Ana Lúcia', 'Jürgen', 'Mei', 'Oluwaseun', 'Camille', 'Łukasz', 'Aiko', 'Mateo', 'Fatima', 'Søren', 'Priya', 'Dmitri', 'Grace', 'Hoang'];
const LAST = ['Müller', 'Rao', 'Ferreira', 'Okafor', 'Nowak', 'Tanaka', 'García', 'Lindqvist', 'Nguyễn', 'Haddad', 'O\'Brien', 'Kowalczyk', 'Sato', 'Brennan'];
const ROLES = ['Backend Engineer', 'Senior Frontend Engineer', 'Data Scientist', 'Mobile Engineer', 'Staff Engineer', 'SRE'];
const ASPIRATIONS = ['Move into management', 'Do more data science', 'Become a staff engineer', 'Get better at talking to non-technical people', 'Lead a team across time zones'];
const GOALS = ['Mentor the new hire through onboarding', 'Take the lead on the billing rewrite', 'Give the quarterly demo to sales', 'Run three planning sessions', 'Pair with the data team on the churn model', 'Write clearer review feedback', 'Own the on-call handbook', 'Improve self time management: protect two focus mornings'];
const POSITIVE = ['The incident write-up was clear and blameless; two teams reused it.', 'You unblocked the mobile team without being asked — great instinct.', 'Your design review questions made the API much simpler.', 'Thanks for onboarding Sam so patiently; they said it helped a lot.', 'The demo to sales landed well: no jargon, real examples.'];
const NEGATIVE = ['In planning you answered for others twice; let them finish.', 'Reviews waited two days this week; the team was blocked.', 'The estimate for the importer slipped without a heads-up.', 'The RFC skipped the alternatives section; decisions looked pre-made.', 'Thursday\'s comment in the channel came across as dismissive.'];
const TOPICS = ['How is the on-call load feeling?', 'Conference budget for next spring', 'Would you like to run the next retro?', 'Feedback on my talk draft', 'I am thinking about the team-lead opening', 'Pairing with the data team — can I get a buddy?', 'Is the new planning format working for you?', 'Ich möchte mehr Verantwortung im Architektur-Review übernehmen'];
const NOTES = ['We talked about how to say no to ad-hoc requests without sounding unhelpful.', 'Agreed to try a written weekly summary for the stakeholders instead of a meeting.', 'They felt the last retro was rushed; we will time-box topics next time.', 'Career: staff path vs. management — wants to try leading planning first.', 'Good energy today. Mentioned sleeping badly because of the night pages — follow up.'];

function pick<T>(rand: () => number, list: readonly T[]): T {
  return list[Math.floor(rand() * list.length)];
}

function q(text: string): string {
  return JSON.stringify(text);
}

function reportId(i: number): string {
  return `report-${String(i).padStart(4, '0')}`;
}

/** Writes (or reuses) the folder for a size; returns its path. */
export function ensureTeamFolder(cacheDir: string, size: BenchSize, log: (s: string) => void = () => undefined): string {
  const dir = path.join(cacheDir, `${size.name}-v${GENERATOR_VERSION}`);
  const marker = path.join(dir, '.complete');
  if (existsSync(marker)) return dir;
  rmSync(dir, { recursive: true, force: true });
  log(`generating ${size.name}: ${size.reports} reports × ${size.years} years of weekly 1:1s…`);
  const started = Date.now();
  mkdirSync(dir, { recursive: true });
  writeFileSync(path.join(dir, 'team.yaml'), 'manager: Bench Manager\ncadence: weekly\ngrace-days: 2\n');
  let files = 0;
  for (let r = 0; r < size.reports; r++) {
    const rand = seededRandom(r * 7919 + 17);
    const id = reportId(r);
    const weeks = Math.round(size.years * 52.6);
    const since = addDays(BENCH_TODAY, -7 * weeks - 10);
    mkdirSync(path.join(dir, id, 'meetings'), { recursive: true });
    const name = `${pick(rand, FIRST)} ${pick(rand, LAST)}`;
    const aspirations = [pick(rand, ASPIRATIONS), pick(rand, ASPIRATIONS)];
    writeFileSync(path.join(dir, id, 'report.yaml'), [
      `name: ${q(name)}`,
      `role: ${pick(rand, ROLES)}`,
      `since: ${since}`,
      ...(r % 5 === 0 ? ['cadence: biweekly'] : []),
      'paused:',
      `  - {from: ${addDays(BENCH_TODAY, -200 - (r % 50))}, to: ${addDays(BENCH_TODAY, -186 - (r % 50))}, reason: holiday}`,
      'aspirations:',
      ...aspirations.map((a) => `  - ${q(a)}`),
      '',
    ].join('\n'));
    // One goal per eight weeks, the newest still active.
    const goalCount = Math.ceil(weeks / 8);
    const goalLines = ['goals:'];
    const goalIds: string[] = [];
    for (let g = 0; g < goalCount; g++) {
      const start = addDays(since, g * 56);
      const gid = `goal-${g + 1}`;
      goalIds.push(gid);
      goalLines.push(`  - id: ${gid}`, `    title: ${q(pick(rand, GOALS))}`, `    aspiration: ${q(pick(rand, aspirations))}`, `    start: ${start}`, `    end: ${addDays(start, 55)}`,
        `    status: ${g === goalCount - 1 ? 'active' : rand() < 0.85 ? 'done' : 'dropped'}`, '    success: |', '      Visible in the team retro, and they say it helped.');
    }
    writeFileSync(path.join(dir, id, 'goals.yaml'), `${goalLines.join('\n')}\n`);
    // Weekly 1:1s for everyone (some reports' cadence is biweekly: meeting more often is fine).
    const cadenceWeeks = 1;
    for (let w = 0; w < weeks; w += cadenceWeeks) {
      const date = addDays(BENCH_TODAY, -1 - 7 * (weeks - 1 - w));
      const skipped = rand() < 0.05;
      const goal = goalIds[Math.min(goalIds.length - 1, Math.floor(w / 8))];
      const lines = [`date: ${date}`, `status: ${skipped ? 'skipped' : 'held'}`];
      if (skipped) {
        lines.push('skip-reason: Conference travel');
      } else {
        if (w % 8 === 0) lines.push('kind: career');
        lines.push('prep:', '  manager:', '    feedback:');
        const items = 1 + Math.floor(rand() * 3);
        for (let f = 0; f < items; f++) {
          const positive = rand() < 0.6;
          lines.push(`      - type: ${positive ? 'positive' : 'negative'}`, `        text: ${q(pick(rand, positive ? POSITIVE : NEGATIVE))}`, '        delivered: true');
        }
        lines.push('    topics:', `      - ${q(pick(rand, TOPICS))}`, '  report:', '    topics:', `      - ${q(pick(rand, TOPICS))}`, `      - ${q(pick(rand, TOPICS))}`);
        lines.push('goals:', `  ${goal}: ${q(pick(rand, NOTES))}`);
        lines.push('notes: |');
        const paragraphs = 1 + Math.floor(rand() * 6);
        for (let p = 0; p < paragraphs; p++) lines.push(`  ${pick(rand, NOTES)}`, `  ${pick(rand, NOTES)}`);
        if (rand() < 0.4) lines.push('private: |', `  ${pick(rand, NOTES)}`);
        lines.push('actions:', `  - text: ${q(`Follow up: ${pick(rand, TOPICS)}`)}`, '    owner: manager', `    due: ${addDays(date, 7)}`, `    done: ${w < weeks - 2}`);
      }
      writeFileSync(path.join(dir, id, 'meetings', `${date}.yaml`), `# 1:1 with ${name}\n${lines.join('\n')}\n`);
      files++;
    }
  }
  writeFileSync(marker, `${files}\n`);
  log(`  ${files} meeting files in ${((Date.now() - started) / 1000).toFixed(1)} s`);
  return dir;
}
