import * as assert from 'node:assert/strict';
import { acceptSuggestion, isFilterFor } from '../../src/core/quickPick';

describe('a picker of suggestions to edit (Add Two-Month Goal\'s title)', () => {
  const example = 'Better communication with teammates';

  it('Enter on a highlighted example puts it in the box when the box is empty or a filter for it', () => {
    assert.deepEqual(acceptSuggestion('', example), { put: example });
    assert.deepEqual(acceptSuggestion('better comm', example), { put: example });
    assert.deepEqual(acceptSuggestion('BCT', example), { put: example });
  });

  it('Enter takes the text as typed once it is the example itself or goes beyond it, even with the example still highlighted', () => {
    assert.deepEqual(acceptSuggestion(example, example), { take: example });
    // The bug a UI check found: the example edited in the box was put back over the edit.
    assert.deepEqual(acceptSuggestion(`${example} in on-call handovers`, example), { take: `${example} in on-call handovers` });
    assert.deepEqual(acceptSuggestion('Run the incident review', undefined), { take: 'Run the incident review' });
  });

  it('an empty box with nothing highlighted does nothing', () => {
    assert.equal(acceptSuggestion('   ', undefined), undefined);
  });

  it('a filter is the typed characters in order, case-insensitive, spaces free', () => {
    assert.equal(isFilterFor('clear feed', 'Provide clearer feedback'), true);
    assert.equal(isFilterFor('feedback clear', 'Provide clearer feedback'), false);
    assert.equal(isFilterFor('Ä', 'ä'), true);
  });
});
