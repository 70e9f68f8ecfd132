#!/usr/bin/env node
/**
 * Generates examples/demo-team/: the demo team folder of First-Class 1:1s.
 *
 *   node scripts/demo/generate-demo.mjs
 *
 * What it writes: one manager's folder with six direct reports and about a year of 1:1s (2025-11 to 2026-11-24),
 * as a good manager would keep it: weekly or biweekly 1:1s, real feedback both ways, the report's own topics, goal
 * check-ins, a career 1:1 every couple of months, vacations, a parental leave, skipped 1:1s with reasons, carried-over
 * actions. On top of that a handful of deliberate problems, so that every rule of `one-on-ones check` fires at least
 * once for `--today 2026-11-24` (listed in SPECIALS below and in the folder's README.md).
 *
 * Why generated: a year of notes is ~200 files. Writing them by hand would be tedious and inconsistent (a goal
 * check-in after the goal ended, an action carried over but never closed); generating them keeps the history coherent
 * and lets us change the story in one place. Why deterministic: the output is committed, so re-running the script
 * must give byte-identical files unless the data changed. Hence a seeded PRNG per report (changing one persona does
 * not reshuffle the others), a fixed "today", and no clock, locale or directory-order dependence.
 *
 * Plain Node 20 ESM, no dependencies: the YAML is emitted by hand (the shapes are few and fixed), and the script
 * checks its own output for accidental status-update phrases and duplicate action texts, which would add noise.
 */
import { mkdirSync, rmSync, writeFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import {
  FEEDBACK_REACTIONS,
  GENERIC_MANAGER_TOPICS,
  GENERIC_REPORT_TOPICS,
  PERSONAS,
  QUIET_NOTES,
  REPEAT_PREFIX,
  TEAM_EVENTS,
} from './personas.mjs';

const ROOT = join(dirname(fileURLToPath(import.meta.url)), '..', '..');
const OUT = join(ROOT, 'examples', 'demo-team');

/** The day the demo is "as of": the README and the verification use `--today 2026-11-24`. */
const TODAY = '2026-11-24';
const SEED = 'first-class-1on1s demo v1';

const TEAM = { manager: 'Helena Sørensen', cadence: 'weekly', graceDays: 2, careerEvery: '8w', goalLength: '8w' };

/** Christmas to New Year: no 1:1s are scheduled at all, so no files. */
const CHRISTMAS = { from: '2025-12-22', to: '2026-01-02' };
/** Single public holidays: the 1:1 moves to the next working day, as people do. */
const PUBLIC_HOLIDAYS = new Set(['2026-04-03', '2026-04-06', '2026-05-01', '2026-05-14', '2026-05-25']);
/** When the manager was away, everyone's 1:1 that week was skipped (and written down as such). */
const MANAGER_AWAY = [
  { from: '2026-01-26', to: '2026-01-28', reason: 'I was out sick.' },
  { from: '2026-10-01', to: '2026-10-08', reason: 'I was on vacation.' },
  { from: '2026-11-10', to: '2026-11-12', reason: 'Leadership offsite.' },
];

/**
 * The deliberate problems, per report and date. Everything else in the folder is meant to be healthy, so when the
 * checker reports something that is not traceable to an entry here (or to the persona data marked "Deliberate"),
 * that is either a generator bug or an engine bug.
 */
const SPECIALS = {
  'zoe-muller': {
    // unknown-goal: a typo in a check-in key (goal id `clear-feedback`).
    '2026-02-02': { goalTypo: ['clear-feedback', 'clear-feeback'] },
    // no-feedback: the manager came unprepared, and says so.
    '2026-04-27': {
      noFeedback: true,
      notes: ['Zoë brought the whole agenda; I came straight from budget planning with nothing prepared. My miss.'],
    },
    // date-mismatch: last week's file copied and the date not changed.
    '2026-06-15': { dateLine: '2026-06-08' },
  },
  'siddharth-rao': {
    // no-feedback: the last one before the break.
    '2025-12-18': { noFeedback: true, noManagerTopics: true, notes: ['Quick one before the break: holiday plans, and that the data team wants him back in January.'] },
    // schema: a typo in an enum value (`hled`). The checker falls back to the default, held.
    '2026-02-12': { statusValue: 'hled' },
    // status-update: a stand-up line copied into the shared notes.
    '2026-04-16': { statusNote: 'Done: feature-store backfill for ranking; next is the write-up.' },
    // action-stale: the manager's own action, past due and carried over twice.
    '2026-10-29': { openAction: { text: 'Ask HR how an internal move to the data science ladder works', owner: 'manager', due: '2026-11-13' } },
  },
  'ana-lucia-ferreira': {
    // bad-name: saved with a suffix, so the checker does not read it as a 1:1.
    '2026-03-11': { fileName: '2026-03-11 notes.yaml', noActions: true },
    // cadence-overdue: the first 1:1 after her return fell through, so the last held one is from before the leave.
    '2026-11-18': { skip: 'Ana Lúcia\'s daughter was sick in her first week at daycare; moved to the 25th.' },
  },
  'lukasz-wisniewski': {
    // unknown-key: the manager tried a mood check-in for two weeks.
    '2026-02-04': { mood: '🙂 good week, first change in production' },
    '2026-02-11': { mood: '😐 tired, the on-call shadow shift was at night' },
    // status-update: his topics drift into status now and then.
    '2026-02-18': { statusTopic: { t: 'EXP-112 is waiting for API review, could you nudge the platform team?', note: 'API review: he asks the platform team himself; I only step in if there is no answer by Friday.' } },
    '2026-04-15': { statusTopic: { t: 'The timezone fix is in progress, should be merged by Friday', note: 'Timezone fix: fine; reminded him that this hour is for him, not for status.' } },
    // no-feedback: cut short for a family matter.
    '2026-06-03': { noFeedback: true, noManagerTopics: true, noTopics: true, notes: ['Cut short: Łukasz had to leave for a family matter. We continue next week.'] },
    // yaml-syntax: a topic with a missing closing quote swallows the rest of the file.
    '2026-06-10': { brokenTopic: '"Can I present the export idea at the team meeting?', noActions: true },
    '2026-09-23': { statusTopic: { t: 'Export backend finished, the UI is blocked on design', note: 'Export UI: he talks to the designer directly today.' } },
    // action-stale: an action carried over from 1:1 to 1:1 and never done.
    '2026-10-28': { openAction: { text: 'Write the on-call handover checklist', owner: 'report' } },
    '2026-11-18': { statusTopic: { t: 'PR #482 for the export preview needs a second reviewer', note: 'Second reviewer: Kwame takes it.' } },
  },
  'kwame-asante': {
    // schema: an impossible due date.
    '2026-01-30': { forceAction: { text: 'Share the flaky-test list with the SRE team', owner: 'report', due: '2026-02-30' } },
  },
};

/** Per-report patterns that run over a span of dates rather than one 1:1. */
const PATTERNS = {
  // feedback-one-sided: lately only praise for Siddharth (the manager even notices it in a private note).
  'siddharth-rao': { positiveOnlyFrom: '2026-10-15' },
  // report-silent, goal-not-discussed: Kwame has gone quiet, and his new goal is not checked in on.
  'kwame-asante': { silentFrom: '2026-10-23', noCheckIn: { goal: 'event-bus-doc', from: '2026-11-06' } },
};

/** The 1:1s that have not happened yet. One is well prepared; the other (today, a new hire) has no prep at all. */
const PLANNED = {
  'ana-lucia-ferreira': [{
    date: '2026-11-25',
    comment: 'Welcome-back 1:1 after the parental leave; doubles as the career 1:1.',
    kind: 'career',
    feedback: [
      { type: 'positive', text: 'Your leave handover document worked: Marek ran the design system for three months without calling you once.' },
    ],
    managerTopics: [
      'Welcome back: what changed while you were away (Inès joined, Marek runs the design system day to day)',
      'How would you like to ramp up over the first month?',
      'Your aspirations: still tech lead and mobile? Let\'s pick the next two-month goal.',
    ],
    reportTopics: [
      'Could I work four days a week until March?',
      'I would like the design system back, maybe shared with Marek.',
    ],
  }],
  'ines-moreau': [{
    date: '2026-11-24',
    comment: 'First 1:1 with Inès, moved twice (offsite week, then her onboarding bootcamp).',
    feedback: [],
    managerTopics: [],
    reportTopics: [
      'Which recurring meetings am I expected to join?',
      'Who do I ask about the design tokens: Zoë or Ana Lúcia?',
    ],
  }],
};

// ---------------------------------------------------------------------------------------------------------------
// Dates: plain YYYY-MM-DD strings, arithmetic in UTC so the machine's time zone cannot shift a day.

const toDate = (s) => new Date(`${s}T00:00:00Z`);
const iso = (d) => d.toISOString().slice(0, 10);
function addDays(s, n) {
  const d = toDate(s);
  d.setUTCDate(d.getUTCDate() + n);
  return iso(d);
}
const inSpan = (s, span) => s >= span.from && (span.to === undefined || s <= span.to);
const isWeekend = (s) => [0, 6].includes(toDate(s).getUTCDay());

// ---------------------------------------------------------------------------------------------------------------
// Seeded randomness.

/** FNV-1a: turns a string seed into 32 bits. */
function hashString(s) {
  let h = 2166136261;
  for (const ch of s) {
    h ^= ch.codePointAt(0);
    h = Math.imul(h, 16777619);
  }
  return h >>> 0;
}

/** mulberry32: small, fast, good enough for picking phrases, and identical on every platform. */
function mulberry32(seed) {
  let a = seed;
  return () => {
    a = (a + 0x6d2b79f5) | 0;
    let t = Math.imul(a ^ (a >>> 15), 1 | a);
    t = (t + Math.imul(t ^ (t >>> 7), 61 | t)) ^ t;
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

/**
 * Draws from a pool, least-used first: every phrase is used once before any is used twice, so repeats are rare and
 * months apart. `once` pools (topics, actions, private notes) never repeat: a report does not bring the same topic
 * twice in a year.
 */
class Pool {
  constructor(items, rng, { once = false } = {}) {
    this.items = items;
    this.rng = rng;
    this.once = once;
    this.uses = new Map(items.map((_, i) => [i, 0]));
  }

  draw(accept = () => true) {
    const open = this.items.map((item, i) => ({ item, i })).filter(({ item, i }) => accept(item) && !(this.once && this.uses.get(i) > 0));
    if (open.length === 0) return undefined;
    const least = Math.min(...open.map(({ i }) => this.uses.get(i)));
    const candidates = open.filter(({ i }) => this.uses.get(i) === least);
    const { item, i } = candidates[Math.floor(this.rng() * candidates.length)];
    const used = this.uses.get(i);
    this.uses.set(i, used + 1);
    return { item, repeat: used > 0 };
  }

  markUsed(item) {
    const i = this.items.indexOf(item);
    if (i >= 0) this.uses.set(i, this.uses.get(i) + 1);
  }
}

const pick = (rng, list) => list[Math.floor(rng() * list.length)];

/** "You said…" → "you said…" after a prefix like "Again: ", but names (Inès, Priya) keep their capital. */
function lowerFirst(text) {
  const word = text.split(/\s/)[0];
  return /^(?:You|Your|The|In|When|On|Twice|Clean|Every|Eight)$/.test(word) ? text[0].toLowerCase() + text.slice(1) : text;
}

// ---------------------------------------------------------------------------------------------------------------
// Guards: the demo's problems must be the deliberate ones only.

/** The status-update heuristic, as documented in docs/rules.md (src/core/rules/statusUpdate.ts). */
const STATUS_PATTERNS = [
  /\b[A-Z][A-Z0-9]{1,9}-\d{1,6}\b/,
  /\b(?:PR|MR|pull request|merge request)\s*[#!]\s?\d+/i,
  /\b(?:in[- ]progress|WIP|blocked on|code review for|deployed to)\b/i,
  /^\s*[-*]?\s*(?:done|todo|to do|doing|status|progress|yesterday|today|update)\s*:/i,
];

function assertNoStatusUpdate(text, where) {
  for (const line of text.split('\n')) {
    if (STATUS_PATTERNS.some((re) => re.test(line))) {
      throw new Error(`${where}: "${line}" reads like a status update but is not marked deliberate`);
    }
  }
}

const warnings = [];

// ---------------------------------------------------------------------------------------------------------------
// YAML emitting. Only a few shapes occur, so a small emitter is clearer than a dependency.

const RESERVED_PLAIN = /^(?:true|false|yes|no|on|off|null|~|y|n)$/i;

/** A scalar: plain when that reads back as the same string, else double-quoted (JSON strings are valid YAML). */
function scalar(s) {
  if (s === '') return "''";
  const plain =
    /^[^\s\-?:,[\]{}#&*!|>'"%@`]/.test(s) &&
    !/:\s|\s#|:$|\s$/.test(s) &&
    !/[\n\t]/.test(s) &&
    !RESERVED_PLAIN.test(s) &&
    !/^[-+.\d]/.test(s);
  return plain ? s : JSON.stringify(s);
}

/** `key: value`, or a literal block scalar for several lines (how people write notes). */
function textField(indent, key, lines) {
  const pad = ' '.repeat(indent);
  if (lines.length === 1) return [`${pad}${key}: ${scalar(lines[0])}`];
  return [`${pad}${key}: |`, ...lines.map((l) => `${pad}  ${l}`)];
}

function emitMeeting(m) {
  const out = [];
  for (const c of m.comments ?? []) out.push(`# ${c}`);
  out.push(`date: ${m.dateLine ?? m.date}`);
  out.push(`status: ${m.statusValue ?? m.status}`);
  if (m.kind === 'career') out.push('kind: career');
  if (m.skipReason) out.push(`skip-reason: ${scalar(m.skipReason)}`);
  if (m.mood) out.push(`mood: ${scalar(m.mood)}   # trying a mood check-in`);

  const hasManagerPrep = m.feedback || m.managerTopics;
  const hasReportPrep = m.reportTopics && (m.reportTopics.length > 0 || m.brokenTopic);
  if (hasManagerPrep || hasReportPrep) {
    out.push('prep:');
    if (hasManagerPrep) {
      out.push('  manager:');
      if (m.feedback.length === 0) out.push('    feedback: []');
      else {
        out.push('    feedback:');
        for (const f of m.feedback) {
          if (f.comment) out.push(`      # ${f.comment}`);
          out.push(`      - type: ${f.type}`);
          out.push(`        text: ${scalar(f.text)}`);
          out.push(`        delivered: ${f.delivered}`);
        }
      }
      if (m.managerTopics.length === 0) out.push('    topics: []');
      else {
        out.push('    topics:');
        for (const t of m.managerTopics) out.push(`      - ${scalar(t)}`);
      }
    }
    if (hasReportPrep) {
      out.push('  report:');
      out.push('    topics:');
      for (const t of m.reportTopics) out.push(`      - ${scalar(t)}`);
      // Deliberately broken: written raw, with its missing closing quote.
      if (m.brokenTopic) out.push(`      - ${m.brokenTopic}`);
    }
  }
  if (m.goals && m.goals.size > 0) {
    out.push('goals:');
    for (const [id, text] of m.goals) out.push(`  ${id}: ${scalar(text)}`);
  }
  if (m.notes && m.notes.length > 0) out.push(...textField(0, 'notes', m.notes));
  if (m.private) out.push(...textField(0, 'private', [m.private]));
  if (m.actions && m.actions.length > 0) {
    out.push('actions:');
    for (const a of m.actions) {
      if (a.comment) out.push(`  # ${a.comment}`);
      out.push(`  - text: ${scalar(a.text)}`);
      out.push(`    owner: ${a.owner}`);
      if (a.due) out.push(`    due: ${a.due}`);
      out.push(`    done: ${a.done}`);
    }
  }
  return `${out.join('\n')}\n`;
}

// ---------------------------------------------------------------------------------------------------------------
// The calendar of one report: which 1:1s were held, skipped, or never scheduled.

function buildSchedule(p, specials) {
  if (!p.first) return [];
  const out = [];
  for (let slot = p.first; slot <= TODAY; slot = addDays(slot, p.step)) {
    if ((p.paused ?? []).some((x) => inSpan(slot, x))) continue; // on leave: no 1:1s expected, no files
    if (inSpan(slot, CHRISTMAS)) continue;
    let date = slot;
    while (PUBLIC_HOLIDAYS.has(date) || isWeekend(date)) date = addDays(date, 1);
    const away = p.absences.find((a) => inSpan(date, a));
    const managerAway = MANAGER_AWAY.find((a) => inSpan(date, a));
    const movedFrom = date !== slot ? slot : undefined;
    if (specials[date]?.skip) out.push({ date, status: 'skipped', skipReason: specials[date].skip });
    else if (away) out.push({ date, status: 'skipped', skipReason: away.reason });
    else if (managerAway) out.push({ date, status: 'skipped', skipReason: managerAway.reason });
    else out.push({ date, status: 'held', movedFrom });
  }
  return out;
}

// ---------------------------------------------------------------------------------------------------------------
// One report's year.

function generateReport(p) {
  const rng = mulberry32(hashString(`${SEED}/${p.id}`));
  const specials = SPECIALS[p.id] ?? {};
  const pattern = PATTERNS[p.id] ?? {};
  const schedule = buildSchedule(p, specials);
  const held = schedule.filter((e) => e.status === 'held');
  const lastHeld = held[held.length - 1];
  const files = [];

  // Career 1:1s: the first held 1:1 on or after each planned career date.
  const careerDates = new Set();
  for (const c of p.career) {
    const e = held.find((h) => h.date >= c);
    if (!e || e.date !== c) warnings.push(`${p.id}: career 1:1 planned for ${c} lands on ${e?.date ?? 'nothing'}`);
    if (e) careerDates.add(e.date);
  }
  for (const g of p.goals) {
    if (g.closed && !held.some((h) => h.date === g.closed)) warnings.push(`${p.id}: goal ${g.id} closes on ${g.closed}, which is no held 1:1`);
  }

  const windowOk = (item, date) => (!item.from || date >= item.from) && (!item.to || date <= item.to) && !item.at;
  const pools = {
    positive: new Pool(p.positive, rng),
    negative: new Pool(p.negative, rng),
    topics: new Pool(p.topics, rng, { once: true }),
    genericTopics: new Pool(GENERIC_REPORT_TOPICS, rng, { once: true }),
    managerTopics: new Pool(p.managerTopics, rng, { once: true }),
    genericManagerTopics: new Pool(GENERIC_MANAGER_TOPICS, rng, { once: true }),
    events: new Pool(TEAM_EVENTS, rng, { once: true }),
    privates: new Pool(p.privates, rng, { once: true }),
    careerLines: new Pool(p.careerLines, rng, { once: true }),
  };

  const state = {
    sinceNegative: 0,
    prevHadPositive: true,
    topicGap: 0,
    pendingFeedback: undefined, // an item not delivered last time: it comes first next time
    open: [], // actions carried over: {text, owner, due, origin, remaining, deliberate}
    // Keyed by the goal object, not its id: two of Zoë's goals share an id on purpose.
    checkins: new Map(), // goal → index of the next check-in phrase
    missed: new Map(), // goal → missed the previous 1:1
    actionTexts: new Set(),
  };

  // Feedback phrases are strings, or {t, from, to} when they only make sense around some event.
  const feedbackItem = (type, date) => {
    const d = pools[type].draw((f) => (typeof f === 'string' ? !p.feedbackFrom || date >= p.feedbackFrom : windowOk(f, date)));
    if (!d) {
      warnings.push(`${p.id} ${date}: out of ${type} feedback`);
      return undefined;
    }
    const text = typeof d.item === 'string' ? d.item : d.item.t;
    return { type, text: d.repeat ? `${pick(rng, REPEAT_PREFIX[type])}${lowerFirst(text)}` : text, delivered: true };
  };

  held.forEach((e, i) => { e.index = i; });
  const nextHeld = (e) => held[e.index + 1];
  let first = true;

  for (const e of schedule) {
    const sp = specials[e.date] ?? {};
    const fileName = sp.fileName ?? `${e.date}.yaml`;
    if (e.status === 'skipped') {
      files.push({ path: `${p.id}/meetings/${fileName}`, text: emitMeeting({ ...e }) });
      continue;
    }

    const m = { date: e.date, status: 'held', comments: [], dateLine: sp.dateLine, statusValue: sp.statusValue, mood: sp.mood };
    const career = careerDates.has(e.date);
    if (career) m.kind = 'career';
    if (first) m.comments.push(`First 1:1 with ${p.name.split(' ')[0]}${p.id === 'lukasz-wisniewski' ? ', in his first week' : ' since I took over the team'}.`);
    if (career && !first) m.comments.push('Career 1:1: the bigger picture, aspirations and the next two-month goal.');
    const notes = [];
    const isLast = e === lastHeld;

    // --- Feedback: at least one real item every time, negative at least every third 1:1.
    const feedback = [];
    let carriedNegative = false;
    if (state.pendingFeedback && !sp.noFeedback) {
      carriedNegative = state.pendingFeedback.type === 'negative';
      feedback.push({ ...state.pendingFeedback, delivered: true, comment: 'carried over: no time for it last time' });
      state.pendingFeedback = undefined;
    }
    if (!sp.noFeedback) {
      const positiveOnly = pattern.positiveOnlyFrom && e.date >= pattern.positiveOnlyFrom;
      const wantNegative = !positiveOnly && (rng() < 0.4 || state.sinceNegative >= 2);
      const wantPositive = !wantNegative || !state.prevHadPositive || carriedNegative || rng() < 0.35;
      if (wantPositive) feedback.push(feedbackItem('positive', e.date));
      if (wantNegative) feedback.push(feedbackItem('negative', e.date));
      if (wantPositive && rng() < (positiveOnly ? 0.4 : 0.08)) feedback.push(feedbackItem('positive', e.date));
      state.sinceNegative = wantNegative ? 0 : state.sinceNegative + 1;
      state.prevHadPositive = wantPositive;
      const next = nextHeld(e);
      const nextPositiveOnly = next && pattern.positiveOnlyFrom && next.date >= pattern.positiveOnlyFrom;
      if (!isLast && !nextPositiveOnly && feedback.length >= 2 && rng() < 0.1) {
        const last = feedback[feedback.length - 1];
        last.delivered = false;
        state.pendingFeedback = { type: last.type, text: last.text };
      }
      if (wantNegative && rng() < 0.5) notes.push(pick(rng, FEEDBACK_REACTIONS));
    }
    m.feedback = feedback.filter(Boolean);

    // --- Their topics first: the 1:1 is their platform.
    const reportTopics = [];
    const topicNotes = [];
    const topicActions = [];
    const silent = pattern.silentFrom && e.date >= pattern.silentFrom;
    if (!silent && !sp.noTopics) {
      for (const t of p.topics.filter((x) => x.at === e.date)) {
        pools.topics.markUsed(t);
        reportTopics.push(t);
      }
      const want = rng() < (p.topicRate ?? 0.8) || state.topicGap >= 2;
      let n = want ? (rng() < 0.1 ? 2 : 1) : 0;
      n -= reportTopics.length;
      while (n-- > 0) {
        const d = pools.topics.draw((t) => windowOk(t, e.date)) ?? pools.genericTopics.draw();
        if (!d) {
          warnings.push(`${p.id} ${e.date}: out of report topics`);
          break;
        }
        reportTopics.push(d.item);
      }
    }
    for (const t of reportTopics) {
      assertNoStatusUpdate(t.t, `${p.id} ${e.date} topic`);
      if (t.note) topicNotes.push(t.note);
      if (t.action) topicActions.push(t.action);
    }
    m.reportTopics = reportTopics.map((t) => t.t);
    if (sp.statusTopic) {
      m.reportTopics.push(sp.statusTopic.t); // deliberate status update
      topicNotes.push(sp.statusTopic.note);
    }
    if (sp.brokenTopic) m.brokenTopic = sp.brokenTopic;
    state.topicGap = m.reportTopics.length > 0 || silent ? 0 : state.topicGap + 1;

    // --- The manager's topics: team news, follow-ups, and on career 1:1s the bigger picture.
    const managerTopics = [];
    const managerNotes = [];
    if (!sp.noManagerTopics && !sp.noFeedback) {
      if (first) {
        managerTopics.push(TEAM_EVENTS[0].t);
        managerNotes.push(TEAM_EVENTS[0].note);
        pools.events.markUsed(TEAM_EVENTS[0]);
      }
      for (const t of p.managerTopics.filter((x) => x.at === e.date)) {
        pools.managerTopics.markUsed(t);
        managerTopics.push(t.t);
        if (t.note) managerNotes.push(t.note);
      }
      if (career && !first) managerTopics.push('The last two months: what went well, what did not?');
      const starting = p.goals.filter((g) => g.start === e.date);
      if (career && starting.length > 0 && !first) managerTopics.push(`Next two-month goal: "${starting[0].title}"?`);
      const event = pools.events.draw((x) => e.date >= x.from && e.date <= x.to);
      if (event && rng() < 0.75) {
        managerTopics.push(event.item.t);
        managerNotes.push(event.item.note);
      }
      if (managerTopics.length < 2 && rng() < 0.35) {
        const d = pools.managerTopics.draw((t) => windowOk(t, e.date));
        if (d) {
          managerTopics.push(d.item.t);
          if (d.item.note) managerNotes.push(d.item.note);
        }
      }
      if (managerTopics.length < 2 && rng() < 0.15) {
        const d = pools.genericManagerTopics.draw();
        if (d) {
          managerTopics.push(d.item.t);
          managerNotes.push(d.item.note);
        }
      }
    }
    m.managerTopics = managerTopics;
    for (const t of managerTopics) assertNoStatusUpdate(t, `${p.id} ${e.date} manager topic`);

    // --- Goal check-ins: every active goal, nearly every time (never two misses in a row).
    const goals = new Map();
    const addCheckIn = (id, text) => goals.set(id, goals.has(id) ? `${goals.get(id)} ${text}` : text);
    for (const g of p.goals) {
      const until = g.status === 'active' ? TODAY : g.closed;
      if (e.date < g.start || e.date > until) continue;
      if (pattern.noCheckIn && pattern.noCheckIn.goal === g.id && e.date >= pattern.noCheckIn.from) continue;
      if (g.closed === e.date && g.start !== e.date) {
        addCheckIn(g.id, g.closeNote);
        continue;
      }
      const idx = state.checkins.get(g) ?? 0;
      const forced = e.date === g.start || state.missed.get(g) || sp.goalTypo?.[0] === g.id;
      if ((!forced && rng() < 0.2) || idx >= g.checkins.length) {
        state.missed.set(g, true);
        continue;
      }
      state.missed.set(g, false);
      state.checkins.set(g, idx + 1);
      addCheckIn(g.id, g.checkins[idx]);
    }
    if (sp.goalTypo && goals.has(sp.goalTypo[0])) {
      const [right, typo] = sp.goalTypo;
      m.goals = new Map([...goals].map(([k, v]) => [k === right ? typo : k, v]));
    } else {
      m.goals = goals;
    }

    // --- Notes: their topics, then the manager's, then how the feedback landed; career lines on career 1:1s.
    if (sp.notes) {
      m.notes = sp.notes;
    } else {
      const lines = [...topicNotes, ...managerNotes];
      if (career) {
        // Career lines are strings, or {t, from, to} around some event, or {t, at} for exactly that 1:1.
        const pinned = p.careerLines.filter((c) => typeof c === 'object' && c.at === e.date);
        for (const c of pinned) pools.careerLines.markUsed(c);
        const line = pinned[0] ?? pools.careerLines.draw((c) => typeof c === 'string' || windowOk(c, e.date))?.item;
        if (line) lines.push(typeof line === 'string' ? line : line.t);
        else warnings.push(`${p.id} ${e.date}: out of career lines`);
        for (const g of p.goals) {
          if (g.closed === e.date && g.start !== e.date) lines.push(`Closed the goal "${g.title}" (${g.status}).`);
          if (g.start === e.date) lines.push(`New two-month goal agreed: "${g.title}".`);
        }
      }
      lines.push(...notes);
      if (sp.statusNote) lines.push(sp.statusNote); // deliberate status update
      if (lines.length === 0) lines.push(pick(rng, QUIET_NOTES));
      for (const l of lines) if (l !== sp.statusNote) assertNoStatusUpdate(l, `${p.id} ${e.date} notes`);
      m.notes = lines;
    }

    // --- Private notes: some, not every week.
    if (p.pinnedPrivates[e.date]) m.private = p.pinnedPrivates[e.date];
    else if (rng() < 0.1) m.private = pools.privates.draw()?.item;

    // --- Actions: carried-over ones first (same text and owner: the checker sees one action), then new ones.
    const actions = [];
    const readable = !sp.noActions; // the broken and the misnamed file: nothing carried in or out
    if (readable) {
      for (const a of [...state.open]) {
        a.remaining -= 1;
        const done = !a.deliberate && a.remaining <= 0;
        actions.push({ text: a.text, owner: a.owner, due: a.due, done, comment: `carried over from ${a.origin}` });
        if (done) state.open.splice(state.open.indexOf(a), 1);
      }
      const fresh = [...topicActions];
      if (sp.forceAction) fresh.push({ ...sp.forceAction, once: true });
      for (const a of fresh) {
        if (state.actionTexts.has(`${a.owner}/${a.text}`)) throw new Error(`${p.id}: action "${a.text}" used twice`);
        state.actionTexts.add(`${a.owner}/${a.text}`);
        const due = a.due ?? addDays(e.date, a.owner === 'manager' ? 5 : p.step);
        let done = true;
        const next = nextHeld(e);
        const nextReadable = next && !(specials[next.date]?.noActions);
        if (isLast) done = due < TODAY; // open only while it can still be on time
        else if (nextReadable && !a.once && rng() < 0.22) {
          done = false; // not done by the next 1:1: carried over once, done there
          state.open.push({ text: a.text, owner: a.owner, due, origin: e.date, remaining: 1 });
        }
        actions.push({ text: a.text, owner: a.owner, due, done });
      }
      if (sp.openAction) {
        const a = sp.openAction;
        state.actionTexts.add(`${a.owner}/${a.text}`);
        actions.push({ text: a.text, owner: a.owner, due: a.due, done: false });
        state.open.push({ ...a, origin: e.date, remaining: Infinity, deliberate: true });
      }
    }
    m.actions = actions;

    if (e.movedFrom) m.comments.push(`Moved from ${e.movedFrom}: public holiday.`);
    files.push({ path: `${p.id}/meetings/${fileName}`, text: emitMeeting(m) });
    first = false;
  }

  for (const pl of PLANNED[p.id] ?? []) {
    files.push({
      path: `${p.id}/meetings/${pl.date}.yaml`,
      text: emitMeeting({
        date: pl.date,
        status: 'planned',
        kind: pl.kind,
        comments: [pl.comment],
        feedback: pl.feedback.map((f) => ({ ...f, delivered: false })),
        managerTopics: pl.managerTopics,
        reportTopics: pl.reportTopics,
      }),
    });
  }

  files.push({ path: `${p.id}/report.yaml`, text: emitReport(p) });
  files.push({ path: `${p.id}/goals.yaml`, text: emitGoals(p) });
  return files;
}

function emitReport(p) {
  const out = [`# ${p.sinceComment}`, `name: ${scalar(p.name)}`, `role: ${scalar(p.role)}`, `since: ${p.since}`];
  if (p.cadence) out.push(`cadence: ${p.cadence}   # overrides the team's weekly`);
  if (p.paused) {
    out.push('paused:');
    out.push('  # Days inside a leave do not count against the cadence or the career 1:1.');
    for (const x of p.paused) {
      out.push(`  - from: ${x.from}`);
      if (x.to) out.push(`    to: ${x.to}`);
      if (x.reason) out.push(`    reason: ${scalar(x.reason)}`);
    }
  }
  out.push('aspirations:');
  for (const a of p.aspirations) out.push(`  - ${scalar(a)}`);
  return `${out.join('\n')}\n`;
}

function emitGoals(p) {
  const out = ['# Two-month goals, oldest first. Meeting check-ins refer to them by id.', 'goals:'];
  for (const g of p.goals) {
    if (g.comment) out.push(`  # ${g.comment}`);
    out.push(`  - id: ${g.id}`);
    out.push(`    title: ${scalar(g.title)}`);
    if (g.aspiration) out.push(`    aspiration: ${scalar(g.aspiration)}`);
    out.push(`    start: ${g.start}`);
    if (g.end) out.push(`    end: ${g.end}`);
    out.push(`    status: ${g.status}`);
    if (g.buddy) out.push(`    buddy: ${scalar(g.buddy)}`);
    if (g.success) out.push(`    success: ${scalar(g.success)}`);
  }
  return `${out.join('\n')}\n`;
}

function emitTeam() {
  return [
    '# The demo team of First-Class 1:1s, generated by scripts/demo/generate-demo.mjs (see README.md).',
    `manager: ${scalar(TEAM.manager)}`,
    `cadence: ${TEAM.cadence}          # Ana Lúcia and Kwame have biweekly 1:1s (in their report.yaml)`,
    `grace-days: ${TEAM.graceDays}`,
    `career-every: ${TEAM.careerEvery}       # a bigger-picture career 1:1 every two months`,
    `goal-length: ${TEAM.goalLength}        # two-month goals`,
    '',
  ].join('\n');
}

const README = `# Demo team folder

A realistic team folder for **First-Class 1:1s**: one engineering manager (${TEAM.manager}) and six direct
reports, with about a year of 1:1 notes (November 2025 to November 2026) as plain YAML files. Use it to try the
extension and the CLI, for screenshots, and as an example of the format (see \`docs/format.md\`).

It is generated: do not edit these files by hand, change and re-run the generator instead.

\`\`\`sh
node scripts/demo/generate-demo.mjs                                  # rewrites this folder
node scripts/build.mjs && node out/cli.js check examples/demo-team --today ${TODAY}
\`\`\`

Always check it with \`--today ${TODAY}\`: the story is told as of that day (on another day, more 1:1s are
overdue).

## The people

| folder | who | cadence | story |
|---|---|---|---|
| \`zoe-muller\` | Zoë Müller, Senior Backend Engineer | weekly | wants to move into management; now mentors the new hire |
| \`siddharth-rao\` | Siddharth Rao, Backend Engineer | weekly | moving towards data science, one day a week with the data team |
| \`ana-lucia-ferreira\` | Ana Lúcia Ferreira, Frontend Engineer | biweekly | back from parental leave (in \`paused\`) on 2026-11-09 |
| \`lukasz-wisniewski\` | Łukasz Wiśniewski, Software Engineer | weekly | joined in January; leads his first feature; brings status updates |
| \`kwame-asante\` | Kwame Asante, Senior Platform Engineer | biweekly | on the staff path; has gone quiet lately |
| \`ines-moreau\` | Inès Moreau, Junior Frontend Engineer | weekly | started on 2026-11-02; first 1:1 is today |

Most of it is healthy: 1:1s every week or two, real feedback (positive and negative) in nearly every one, their own
topics, a check-in on every active goal, a career 1:1 about every two months, vacations and skipped 1:1s with a
reason, actions carried over until they are done.

## Deliberate problems

So that every rule of \`one-on-ones check\` shows up at least once, the folder contains these on purpose:

| rule | where | what |
|---|---|---|
| \`yaml-syntax\` | \`lukasz-wisniewski/meetings/2026-06-10.yaml\` | a topic with a missing closing quote (the file is broken on purpose) |
| \`schema\` | \`siddharth-rao/meetings/2026-02-12.yaml\`, \`kwame-asante/meetings/2026-01-30.yaml\` | \`status: hled\`; an impossible due date \`2026-02-30\` |
| \`unknown-key\` | \`lukasz-wisniewski/meetings/2026-02-04.yaml\`, \`…/2026-02-11.yaml\` | a \`mood:\` key the format does not know |
| \`date-mismatch\` | \`zoe-muller/meetings/2026-06-15.yaml\` | copied from the week before, \`date:\` not changed |
| \`duplicate-id\` | \`zoe-muller/goals.yaml\` | two goals with the id \`demo-to-sales\` |
| \`bad-name\` | \`ana-lucia-ferreira/meetings/2026-03-11 notes.yaml\` | not named \`YYYY-MM-DD.yaml\`, so not read as a 1:1 |
| \`unknown-goal\` | \`zoe-muller/meetings/2026-02-02.yaml\` | check-in on \`clear-feeback\` (typo of \`clear-feedback\`) |
| \`cadence-overdue\` | \`ana-lucia-ferreira\` | last 1:1 before the leave, none since her return (leave days not counted) |
| \`no-first-meeting\` | \`ines-moreau\` | started three weeks ago, no 1:1 held yet |
| \`career-overdue\` | \`kwame-asante\` | last career 1:1 in September |
| \`goal-expired\` | \`lukasz-wisniewski/goals.yaml\` | the export goal ended on 2026-11-13 and is still active |
| \`goal-too-long\` | \`siddharth-rao/goals.yaml\` | the A/B test goal runs 105 days |
| \`no-active-goal\` | \`ana-lucia-ferreira\` | goals closed before the leave; the next one is for the planned career 1:1 |
| \`goal-not-discussed\` | \`kwame-asante/goals.yaml\` | the event-bus goal was not checked in on in his last two 1:1s |
| \`prep-missing\` | \`ines-moreau/meetings/2026-11-24.yaml\` | planned for today, nothing prepared by the manager |
| \`no-feedback\` | three 1:1s (Zoë 2026-04-27, Siddharth 2025-12-18, Łukasz 2026-06-03) | no feedback given |
| \`feedback-one-sided\` | \`siddharth-rao\` | only praise in his last five 1:1s |
| \`report-silent\` | \`kwame-asante\` | no topics of his own in his last three 1:1s |
| \`action-stale\` | \`siddharth-rao\`, \`lukasz-wisniewski\` | the manager's HR follow-up is past due; a checklist carried over for a month |
| \`status-update\` | Łukasz's topics (four times), one line of Siddharth's notes | ticket keys, "PR #482", "in progress", "blocked on", "Done:" |

The planned 1:1 with Ana Lúcia on 2026-11-25 is the healthy counterpart of Inès's: prepared feedback and topics.
`;

// ---------------------------------------------------------------------------------------------------------------

function main() {
  const files = [
    { path: 'README.md', text: README },
    { path: 'team.yaml', text: emitTeam() },
  ];
  for (const p of PERSONAS) files.push(...generateReport(p));
  if (warnings.length > 0) {
    for (const w of warnings) console.error(`warning: ${w}`);
    process.exitCode = 1;
  }
  // Rewrite the folder completely, so files of an older version of the story do not linger.
  rmSync(OUT, { recursive: true, force: true });
  files.sort((a, b) => (a.path < b.path ? -1 : a.path > b.path ? 1 : 0));
  for (const f of files) {
    const full = join(OUT, f.path);
    mkdirSync(dirname(full), { recursive: true });
    writeFileSync(full, f.text, 'utf8');
  }
  console.log(`Wrote ${files.length} files to ${OUT}`);
}

main();
