import { render } from 'preact';
import { PanelApp, PanelError } from '../../components/PanelApp';
import { HostLook, onHostMessage } from '../../lib/messaging';
import { targetFromQuery } from '../../lib/model/session';
import '../../components/theme.css';
import '../../components/panel.css';

const target = targetFromQuery(location.search);

/** Sits on the host's surface in the host's theme: in the URL when the frame is made, then by message. */
const applyLook = (look: unknown): void => {
  const parsed = HostLook.safeParse(look);
  if (!parsed.success) return;
  const root = document.documentElement;
  root.dataset.theme = parsed.data.theme;
  root.style.setProperty('--bg', `rgb(${parsed.data.background.join(' ')})`);
};
const fragment = new URLSearchParams(location.hash.slice(1));
applyLook({ theme: fragment.get('theme'), background: fragment.get('background')?.split(',').map(Number) });
if (target) {
  onHostMessage(target, (message) => {
    if (message.type === 'host/look') applyLook(message);
  });
}

const app = document.getElementById('app');
if (app) render(target ? <PanelApp target={target} /> : <PanelError />, app);
