#!/usr/bin/env node
// The end-to-end benchmark's bulk change (bench/e2e/hostBench.ts): rewrites every meeting file of a team folder at
// once, as a `git pull` or a formatter would, from a process of its own (its writing is not the extension host's
// CPU). Every file gets a comment line for the round; the newest 1:1 of each report also gets an unknown key
// `bench-round-<N>`, so the benchmark can tell when the Problems panel shows the final state.
//   node bench/e2e/rewrite.mjs <team folder> <round>
// Round 0 takes every earlier round's lines out again (the benchmark's copy of the team is reused between runs).
// Prints {"files": <count>, "newest": [<team-relative paths>]} on stdout.
import { promises as fsp } from 'node:fs';
import path from 'node:path';

const [root, roundArg] = process.argv.slice(2);
const round = Number(roundArg);
if (!root || !Number.isInteger(round)) {
  process.stderr.write('usage: node bench/e2e/rewrite.mjs <team folder> <round>\n');
  process.exit(2);
}

const jobs = [];
const newest = [];
for (const id of (await fsp.readdir(root)).sort()) {
  if (id.startsWith('.')) continue;
  const dir = path.join(root, id, 'meetings');
  let names;
  try {
    names = (await fsp.readdir(dir)).filter((n) => n.endsWith('.yaml')).sort();
  } catch {
    continue;
  }
  names.forEach((n, i) => jobs.push([path.join(dir, n), i === names.length - 1]));
  if (names.length > 0) newest.push(`${id}/meetings/${names[names.length - 1]}`);
}

const strip = (text) => text.split('\n').filter((l) => !/^(# bench round \d+|bench-round-\d+: true)$/.test(l)).join('\n');
let next = 0;
const worker = async () => {
  while (next < jobs.length) {
    const [file, isNewest] = jobs[next++];
    const before = await fsp.readFile(file, 'utf8');
    const text = strip(before);
    // Round 0 puts the folder back as generated (only the files an earlier round changed are written).
    if (round === 0) {
      if (text !== before) await fsp.writeFile(file, text);
      continue;
    }
    await fsp.writeFile(file, `${text.replace(/\n*$/, '\n')}# bench round ${round}\n${isNewest ? `bench-round-${round}: true\n` : ''}`);
  }
};
await Promise.all(Array.from({ length: 32 }, worker));
process.stdout.write(`${JSON.stringify({ files: jobs.length, newest })}\n`);
