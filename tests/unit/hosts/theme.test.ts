import { describe, expect, it } from 'vitest';
import { lookAround, lookParams } from '../../../lib/hosts/theme';
import { HostLook } from '../../../lib/messaging';

function nested(outer: string, inner = ''): HTMLElement {
  const wrapper = document.createElement('div');
  wrapper.style.backgroundColor = outer;
  const child = document.createElement('div');
  if (inner) child.style.backgroundColor = inner;
  wrapper.append(child);
  document.body.append(wrapper);
  return child;
}

describe('lookAround', () => {
  it('reads the first opaque background up the tree', () => {
    expect(lookAround(nested('rgb(40, 41, 42)'))).toEqual({ theme: 'dark', background: [40, 41, 42] });
    expect(lookAround(nested('rgb(255, 255, 255)'))).toEqual({ theme: 'light', background: [255, 255, 255] });
    // A faint overlay is seen through; a transparent one is skipped.
    expect(lookAround(nested('rgb(255, 255, 255)', 'rgba(0, 0, 0, 0.1)'))?.theme).toBe('light');
    expect(lookAround(nested('rgb(32, 33, 36)', 'rgba(0, 0, 0, 0)'))?.theme).toBe('dark');
  });

  it('is null when nothing has a background', () => {
    const lone = document.createElement('div');
    document.body.append(lone);
    expect(lookAround(lone)).toBeNull();
  });
});

describe('lookParams', () => {
  it('writes what the panel page parses back, and nothing without a look', () => {
    const look = { theme: 'dark', background: [40, 41, 42] } as const;
    const params = new URLSearchParams(lookParams({ ...look, background: [...look.background] }));
    expect(params.toString()).toBe('theme=dark&background=40%2C41%2C42');
    expect(
      HostLook.parse({ theme: params.get('theme'), background: params.get('background')?.split(',').map(Number) }),
    ).toEqual(look);
    expect(lookParams(null)).toEqual({});
  });
});
