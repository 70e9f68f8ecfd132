import * as assert from 'node:assert/strict';
import { escapeText, safeJson } from '../../src/node/terminalText';

describe('terminal text: user strings on their way to a terminal or a CI log', () => {
  it('text: controls, bidi and invisibles as visible escapes; backslashes doubled; `::` broken', () => {
    assert.equal(escapeText('a\nb\rc\td\u001b[31m\u0000\u007f\u009b'), 'a\\nb\\rc\\td\\x1b[31m\\x00\\x7f\\x9b');
    assert.equal(escapeText('x\u202ey\u2066z\u200b\u2028\ufeff'), 'x\\u202ey\\u2066z\\u200b\\u2028\\ufeff');
    assert.equal(escapeText('::error file=a::b'), ':\\x3aerror file=a:\\x3ab');
    assert.equal(escapeText(':::'), ':\\x3a:');
    assert.equal(escapeText('C:\\x1b'), 'C:\\\\x1b');
    assert.equal(escapeText('Zoë Ünïcode 名前 🙂'), 'Zoë Ünïcode 名前 🙂');
  });

  it('json: valid JSON with the exact strings, and no raw control or bidi character in the text', () => {
    const value = [{ file: 'a\nb\u001b\u009b\u202e\u2028::x', n: 1 }];
    const text = safeJson(value);
    assert.deepEqual(JSON.parse(text), value);
    assert.doesNotMatch(text.replace(/\n/g, ''), /[\u0000-\u001f\u007f-\u009f\u202a-\u202e\u2028\u2029]/);
  });
});
