import { describe, expect, it } from 'vitest';
import { themeAround, themeFragment } from '../../../lib/hosts/theme';

function nested(outer: string, inner = ''): HTMLElement {
  const wrapper = document.createElement('div');
  wrapper.style.backgroundColor = outer;
  const child = document.createElement('div');
  if (inner) child.style.backgroundColor = inner;
  wrapper.append(child);
  document.body.append(wrapper);
  return child;
}

describe('themeAround', () => {
  it('reads the first opaque background up the tree', () => {
    expect(themeAround(nested('rgb(40, 41, 42)'))).toBe('dark'); // Calendar's dark dialog
    expect(themeAround(nested('rgb(255, 255, 255)'))).toBe('light');
    expect(themeAround(nested('rgb(255, 255, 255)', 'rgba(0, 0, 0, 0.1)'))).toBe('light'); // a faint overlay
    expect(themeAround(nested('rgb(32, 33, 36)', 'rgba(0, 0, 0, 0)'))).toBe('dark');
  });

  it('is null when nothing has a background', () => {
    const lone = document.createElement('div');
    document.body.style.backgroundColor = '';
    document.documentElement.style.backgroundColor = '';
    document.body.append(lone);
    expect(themeAround(lone)).toBeNull();
  });
});

describe('themeFragment', () => {
  it('names a known theme and nothing else', () => {
    expect(themeFragment('dark')).toBe('#theme=dark');
    expect(themeFragment(null)).toBe('');
  });
});
