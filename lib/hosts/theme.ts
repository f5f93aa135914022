import type { HostLook, HostToPanel } from '../messaging';

/**
 * How the host page around `element` looks: light or dark, and the surface colour the panel sits
 * on, from the first opaque background found walking up from it. That is Google's own look,
 * whatever its theme setting is called or how it is implemented, in any UI language. `null` when
 * no opaque background is found.
 */
export function lookAround(element: Element): HostLook | null {
  for (let node: Element | null = element; node; node = node.parentElement) {
    const rgba = parseColor(getComputedStyle(node).backgroundColor);
    if (rgba && rgba[3] > 0.5) {
      const rgb = rgba.slice(0, 3).map(Math.round) as [number, number, number];
      return { theme: luminance(rgba) < 0.4 ? 'dark' : 'light', background: rgb };
    }
  }
  return null;
}

/** The panel URL's fragment parameters that tell it the host's look (read by entrypoints/panel/main.tsx). */
export function lookParams(look: HostLook | null): Record<string, string> {
  return look ? { theme: look.theme, background: look.background.join(',') } : {};
}

/** Tells a panel frame the host's look changed. */
export function postLook(frame: HTMLIFrameElement, look: HostLook, extensionOrigin: string): void {
  const message: HostToPanel = { ns: 'tandem', type: 'host/look', ...look };
  frame.contentWindow?.postMessage(message, extensionOrigin);
}

/**
 * Calls `onChange` when the system's light/dark preference changes, which is when Calendar's
 * default ("device") theme switches. Cheaper than recomputing styles on every DOM change.
 */
export function onSchemeChange(signal: AbortSignal, onChange: () => void): void {
  matchMedia('(prefers-color-scheme: dark)').addEventListener('change', onChange, { signal });
}

function parseColor(value: string): [number, number, number, number] | null {
  const m = /^rgba?\(([\d.]+)[, ]+([\d.]+)[, ]+([\d.]+)(?:[,/ ]+([\d.]+%?))?\)$/.exec(value.trim());
  if (!m) return null;
  const alpha = m[4] === undefined ? 1 : m[4].endsWith('%') ? Number.parseFloat(m[4]) / 100 : Number(m[4]);
  return [Number(m[1]), Number(m[2]), Number(m[3]), alpha];
}

/** Relative luminance (WCAG) of an sRGB colour, 0 (black) to 1 (white). */
function luminance([r, g, b]: [number, number, number, number]): number {
  const linear = (c: number) => {
    const s = c / 255;
    return s <= 0.04045 ? s / 12.92 : ((s + 0.055) / 1.055) ** 2.4;
  };
  return 0.2126 * linear(r) + 0.7152 * linear(g) + 0.0722 * linear(b);
}
