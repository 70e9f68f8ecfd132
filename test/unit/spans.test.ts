import * as assert from 'node:assert/strict';
import { parseMeetingFile } from '../../src/core/format/files';
import { rangeOfPath } from '../../src/core/format/parse';
import { SpanTable } from '../../src/core/format/spans';

describe('span table (the compact spans of a parsed file, issue #17)', () => {
  it('answers as a Map would: set, replace, has, get, size, iteration in insertion order', () => {
    const t = new SpanTable();
    t.set('status', [10, 14]).set('feedback.0.text', [30, 42]).set('status', [11, 15]);
    t.seal();
    assert.equal(t.size, 2);
    assert.equal(t.has('status'), true);
    assert.equal(t.has('nope'), false);
    assert.deepEqual(t.get('status'), [11, 15], 'a replaced span');
    assert.equal(t.get('nope'), undefined);
    assert.deepEqual([...t], [['status', [11, 15]], ['feedback.0.text', [30, 42]]]);
    assert.deepEqual([...t.keys()], ['status', 'feedback.0.text']);
    assert.deepEqual([...t.values()], [[11, 15], [30, 42]]);
    const seen: string[] = [];
    t.forEach((v, k) => seen.push(`${k}=${v.join('-')}`));
    assert.deepEqual(seen, ['status=11-15', 'feedback.0.text=30-42']);
  });

  it('a large sealed table finds every key (an index built on first lookup), a missing one is missing', () => {
    const t = new SpanTable();
    for (let i = 0; i < 5000; i++) t.set(`topics.${i}.title`, [i, i + 1]);
    t.seal();
    for (let i = 0; i < 5000; i += 499) assert.deepEqual(t.get(`topics.${i}.title`), [i, i + 1]);
    assert.equal(t.has('topics.5000.title'), false);
    assert.equal(t.size, 5000);
  });

  it('a parsed 1:1 still places its findings and values where they are written', () => {
    const text = 'date: 2026-11-24\nstatus: held\nprep:\n  manager:\n    feedback:\n      - type: positive\n        text: Clear write-up\n';
    const parsed = parseMeetingFile('ana/meetings/2026-11-24.yaml', text, '2026-11-24');
    assert.ok(parsed.file.spans instanceof SpanTable);
    assert.deepEqual(parsed.file.findings, []);
    const r = rangeOfPath(parsed.file, ['prep', 'manager', 'feedback', 0, 'text']);
    assert.deepEqual([r.start.line, r.start.character, r.end.line, r.end.character], [6, 14, 6, 28]);
    const key = rangeOfPath(parsed.file, ['status'], 'key');
    assert.deepEqual([key.start.line, key.start.character], [1, 0]);
  });
});
