import type { ComponentChildren } from 'preact';
import type { TabTarget } from '../lib/hosts/tab-target';
import type { SidePanelTarget } from '../lib/models/side-panel-target';
import { BrandMark } from './BrandMark';
import { PanelApp } from './PanelApp';

/**
 * The browser's side panel (Chrome) or sidebar (Firefox): the same panel as in the page, for the
 * session of the tab it follows, or a short explanation of how to get one here.
 */
export function SidePanelApp({ model }: { model: SidePanelTarget }) {
  const view = model.view.value;
  if (view.status === 'loading') {
    return (
      <main class="panel">
        <p class="muted">Loading…</p>
      </main>
    );
  }
  if (view.status === 'closed') {
    return (
      <EmptyState title="This call's tab is closed">
        <p>
          Everything written during the call is saved. Find it in Tandem's toolbar popup, or on the event in Google
          Calendar.
        </p>
      </EmptyState>
    );
  }
  // A new target is a new panel: nothing typed or expanded for one session carries over to another.
  if (view.target.kind === 'session') return <PanelApp key={view.key} target={view.target.target} />;
  return <NoSession target={view.target} />;
}

function NoSession({ target }: { target: Exclude<TabTarget, { kind: 'session' }> }) {
  switch (target.kind) {
    case 'meet-no-call':
      return (
        <EmptyState title="Not in a call yet">
          <p>Start or join a Google Meet call in this tab: its agenda and notes show up here.</p>
        </EmptyState>
      );
    case 'calendar-no-event':
      return (
        <EmptyState title="No event open">
          <p>
            Open an event's full details in Google Calendar (<em>Edit event</em>) to see its agenda here. Clicking an
            event in the grid shows Tandem's panel in the event's bubble too.
          </p>
        </EmptyState>
      );
    case 'calendar-not-event':
      return (
        <EmptyState title="Not a calendar event">
          <p>Tasks and other items in Google Calendar have no mentoring session. Open an event instead.</p>
        </EmptyState>
      );
    case 'elsewhere':
      return (
        <EmptyState title="No mentoring session in this tab">
          <p>
            This panel shows the agenda, notes and takeaways of the mentoring session in the tab you are looking at, and
            follows you from tab to tab.
          </p>
          <ul>
            <li>
              <strong>Google Meet:</strong> join the call, and its session appears here.
            </li>
            <li>
              <strong>Google Calendar:</strong> open the event's full details (<em>Edit event</em>).
            </li>
          </ul>
          <p class="muted">Everything you have written is also in Tandem's toolbar popup.</p>
        </EmptyState>
      );
  }
}

function EmptyState({ title, children }: { title: string; children: ComponentChildren }) {
  return (
    <main class="panel side-panel-empty" data-state="empty">
      <header class="panel-header">
        <p class="brand">
          <BrandMark />
          <strong>Tandem</strong>
        </p>
        <h1>{title}</h1>
      </header>
      {children}
    </main>
  );
}
