import { describe, expect, it } from 'vitest';
import { type FinalStatusInput, finalStatus } from './final-status.js';

describe('finalStatus (spec §2.4)', () => {
  const cases: [string, FinalStatusInput, string][] = [
    [
      'refusal wins over everything',
      { refusalText: 'No.', lastLifecycleStatus: 'failed', responseText: 'x' },
      'refused',
    ],
    ['refusal without any text', { refusalText: 'No.' }, 'refused'],
    ['empty refusal text is no refusal', { refusalText: '', responseText: 'x' }, 'completed'],
    ['failed lifecycle', { lastLifecycleStatus: 'failed', responseText: 'x' }, 'failed'],
    ['incomplete lifecycle', { lastLifecycleStatus: 'incomplete', responseText: 'x' }, 'incomplete'],
    ['cancelled lifecycle', { lastLifecycleStatus: 'cancelled', structuredOutput: { a: 1 } }, 'cancelled'],
    ['completed lifecycle with text', { lastLifecycleStatus: 'completed', responseText: 'x' }, 'completed'],
    [
      'in-progress lifecycle with text',
      { lastLifecycleStatus: 'in_progress', responseText: 'x' },
      'completed',
    ],
    [
      'no output at all',
      { lastLifecycleStatus: 'completed', responseText: null, structuredOutput: null },
      'incomplete',
    ],
    ['nothing known', {}, 'incomplete'],
    ['structured output only', { structuredOutput: { foo: 'bar' } }, 'completed'],
    ['falsy structured output still counts', { structuredOutput: 0 }, 'completed'],
    ['empty response text still counts', { responseText: '' }, 'completed'],
  ];

  it.each(cases)('%s', (_name, input, expected) => {
    expect(finalStatus(input)).toBe(expected);
  });
});
