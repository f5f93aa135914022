import { type ReadonlySignal, signal } from '@preact/signals';
import { liveQuery } from 'dexie';

export type LiveState<T> = { status: 'loading' } | { status: 'ready'; value: T } | { status: 'error'; error: unknown };

/**
 * Bridges a Dexie `liveQuery` to a signal: every context that shows data (popup, side panel, the
 * panels in several tabs) re-renders when any context changes it. Call `dispose` when done.
 */
export function liveSignal<T>(query: () => Promise<T>): { state: ReadonlySignal<LiveState<T>>; dispose(): void } {
  const state = signal<LiveState<T>>({ status: 'loading' });
  const subscription = liveQuery(query).subscribe({
    next: (value) => {
      state.value = { status: 'ready', value };
    },
    error: (error: unknown) => {
      state.value = { status: 'error', error };
    },
  });
  return { state, dispose: () => subscription.unsubscribe() };
}
