import { render } from 'preact';
import { PopupApp } from '../../components/PopupApp';
import { createGoalsReview } from '../../lib/models/goals-review';
import '../../components/theme.css';
import '../../components/popup.css';

const app = document.getElementById('app');
if (app) render(<PopupApp model={createGoalsReview()} />, app);
