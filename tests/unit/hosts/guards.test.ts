import { describe, expect, it } from 'vitest';
import { isPanelToHost } from '../../../lib/hosts/guards';
import { PanelToHost } from '../../../lib/messaging';

// The content scripts' hand-written guard must accept exactly what the zod schema accepts.
const corpus: unknown[] = [
  { ns: 'tandem', type: 'panel/resize', height: 0 },
  { ns: 'tandem', type: 'panel/resize', height: 480 },
  { ns: 'tandem', type: 'panel/resize', height: 10_000 },
  { ns: 'tandem', type: 'panel/resize', height: 10_001 },
  { ns: 'tandem', type: 'panel/resize', height: -1 },
  { ns: 'tandem', type: 'panel/resize', height: 12.5 },
  { ns: 'tandem', type: 'panel/resize', height: '480' },
  { ns: 'tandem', type: 'panel/resize', height: Number.NaN },
  { ns: 'tandem', type: 'panel/resize', height: Number.POSITIVE_INFINITY },
  { ns: 'tandem', type: 'panel/resize' },
  { ns: 'tandem', type: 'panel/resize', height: 10, extra: true },
  { ns: 'tandem', type: 'panel/close' },
  { ns: 'tandem', type: 'panel/close', height: 'ignored' },
  { ns: 'other', type: 'panel/close' },
  { type: 'panel/close' },
  { ns: 'tandem', type: 'panel/open' },
  { ns: 'tandem' },
  ['tandem', 'panel/close'],
  'panel/close',
  null,
  undefined,
  42,
  { ns: 'tandem', type: { toString: () => 'panel/close' } },
];

describe('isPanelToHost', () => {
  it.each(corpus.map((message) => [JSON.stringify(message) ?? String(message), message]))(
    'agrees with the PanelToHost schema on %s',
    (_label, message) => {
      expect(isPanelToHost(message)).toBe(PanelToHost.safeParse(message).success);
    },
  );

  it('accepts the messages the panel sends', () => {
    expect(isPanelToHost({ ns: 'tandem', type: 'panel/resize', height: 320 })).toBe(true);
    expect(isPanelToHost({ ns: 'tandem', type: 'panel/close' })).toBe(true);
  });
});
