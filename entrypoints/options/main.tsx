import { render } from 'preact';
import { OptionsApp } from '../../components/OptionsApp';
import '../../components/theme.css';
import '../../components/options.css';

const app = document.getElementById('app');
if (app) render(<OptionsApp />, app);
