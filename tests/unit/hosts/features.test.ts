import { afterEach, describe, expect, it, vi } from 'vitest';
import { runFeatures } from '../../../lib/hosts/features';
import { observeChanges } from '../../../lib/hosts/observe';

describe('runFeatures', () => {
  it('starts every feature even when others throw or reject, and logs each failure by id', async () => {
    const errors = vi.spyOn(console, 'error').mockImplementation(() => {});
    const started: string[] = [];
    runFeatures(
      [
        {
          id: 'throws',
          init: () => {
            throw new Error('sync boom');
          },
        },
        {
          id: 'rejects',
          init: async () => {
            throw new Error('async boom');
          },
        },
        {
          id: 'works',
          init: () => {
            started.push('works');
          },
        },
      ],
      new AbortController().signal,
    );
    await Promise.resolve();
    expect(started).toEqual(['works']);
    expect(errors.mock.calls.map((call) => call[1])).toEqual(['throws:', 'rejects:']);
  });
});

describe('observeChanges', () => {
  afterEach(() => {
    document.body.replaceChildren();
  });

  it('runs once at start and at most once per animation frame while the DOM changes', async () => {
    const controller = new AbortController();
    const update = vi.fn();
    observeChanges(document.body, update, controller.signal);
    expect(update).toHaveBeenCalledTimes(1);

    for (let i = 0; i < 50; i++) document.body.append(document.createElement('div'));
    await new Promise((resolve) => requestAnimationFrame(() => requestAnimationFrame(resolve)));
    expect(update).toHaveBeenCalledTimes(2);
    controller.abort();
  });

  it('stops observing when its lifetime ends', async () => {
    const controller = new AbortController();
    const update = vi.fn();
    observeChanges(document.body, update, controller.signal);
    controller.abort();
    document.body.append(document.createElement('div'));
    await new Promise((resolve) => requestAnimationFrame(() => requestAnimationFrame(resolve)));
    expect(update).toHaveBeenCalledTimes(1);
  });
});
