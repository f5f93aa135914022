import { render } from 'preact';
import { PanelApp, PanelError } from '../../components/PanelApp';
import { targetFromQuery } from '../../lib/model/session';
import '../../components/theme.css';
import '../../components/panel.css';

const target = targetFromQuery(location.search);
const app = document.getElementById('app');
if (app) render(target ? <PanelApp target={target} /> : <PanelError />, app);
