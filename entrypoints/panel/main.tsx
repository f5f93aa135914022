import { render } from 'preact';
import { PanelApp, PanelError } from '../../components/PanelApp';
import { onHostMessage, Theme } from '../../lib/messaging';
import { targetFromQuery } from '../../lib/model/session';
import '../../components/theme.css';
import '../../components/panel.css';

const target = targetFromQuery(location.search);

// The host page's theme: in the URL when the frame is created, then by message when it changes.
const applyTheme = (theme: unknown): void => {
  const parsed = Theme.safeParse(theme);
  if (parsed.success) document.documentElement.dataset.theme = parsed.data;
};
applyTheme(new URLSearchParams(location.hash.slice(1)).get('theme'));
if (target) onHostMessage(target, (message) => applyTheme(message.theme));

const app = document.getElementById('app');
if (app) render(target ? <PanelApp target={target} /> : <PanelError />, app);
