/** A generated team for the tests that compare two ways of checking (streamed, warm start): every kind of finding. */
import { addDays } from '../../../src/core/dates';
import { seededRandom } from '../../support/rng';
import { MemoryFileSystem } from './memoryFs';

const TODAY = '2026-11-24';

/** A team with every kind of finding, seeded: bad names, syntax errors, schema errors, status updates, old problems. */
export function generatedTeam(seed: number): MemoryFileSystem {
  const rand = seededRandom(seed);
  const fs = new MemoryFileSystem({ 'team.yaml': 'manager: Sam\ncadence: weekly\ncareer-every: 6w\nbogus: 1\n', 'stray.txt': 'x' });
  const odd = ['status: hled\n', 'date: [\n', 'prep: 12\n', 'notes: |\n  PROJ-12 in progress\n  WIP on the importer\n', 'unknwn: 1\n', 'kind: carer\n', '\t- tab\n', 'a: &x 1\nb: *x\n'];
  for (let r = 0; r < 12; r++) {
    const id = `r${r}`;
    if (r !== 3) fs.write(`${id}/report.yaml`, `name: Person ${r}\nsince: 2023-01-02\n${r === 5 ? 'left: 2022-01-01\n' : ''}${r === 7 ? 'paused:\n  - {from: 2026-10-01}\n' : ''}`);
    if (r % 4 !== 1) fs.write(`${id}/goals.yaml`, `goals:\n  - id: g1\n    title: Talk\n    start: ${addDays(TODAY, -30 - r)}\n  - id: g1\n    title: Again\n    start: 2026-01-01\n`);
    const meetings = 5 + Math.floor(rand() * 40);
    for (let w = 0; w < meetings; w++) {
      const date = addDays(TODAY, -1 - 7 * w - (r % 3));
      const held = rand() < 0.9;
      let text = `date: ${rand() < 0.05 ? addDays(date, 1) : date}\nstatus: ${held ? 'held' : 'skipped'}\n`;
      if (held) text += `prep:\n  manager:\n    feedback:\n      - {type: positive, text: Good demo, delivered: true}\n  report:\n    topics: [${rand() < 0.2 ? '"ABC-123 done"' : 'Growth'}]\ngoals:\n  ${rand() < 0.1 ? 'nope' : 'g1'}: ok\nactions:\n  - {text: Follow up, owner: manager, due: ${addDays(date, 7)}, done: ${rand() < 0.7}}\n`;
      if (rand() < 0.15) text += odd[Math.floor(rand() * odd.length)];
      fs.write(`${id}/meetings/${date}${rand() < 0.03 ? '-2' : ''}.yaml`, text);
    }
    if (r === 2) fs.write(`${id}/meetings/not-a-date.yaml`, 'date: 2026-01-01\n');
    if (r === 4) fs.fail(`${id}/meetings/${addDays(TODAY, -1 - 7 * 3 - 1)}.yaml`, 'unreadable');
  }
  fs.write('Bad Folder/report.yaml', 'name: X\n');
  return fs;
}
