/**
 * Calls `update` once now and then at most once per animation frame while `root`'s subtree
 * changes. Observation, not polling: a quiet page costs nothing.
 */
export function observeChanges(root: Node, update: () => void, signal: AbortSignal): void {
  if (signal.aborted) return;
  let frame = 0;
  const run = (): void => {
    frame = 0;
    if (!signal.aborted) update();
  };
  const observer = new MutationObserver(() => {
    if (frame === 0) frame = requestAnimationFrame(run);
  });
  observer.observe(root, { childList: true, subtree: true });
  signal.addEventListener('abort', () => {
    observer.disconnect();
    if (frame !== 0) cancelAnimationFrame(frame);
  });
  update();
}
