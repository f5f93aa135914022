import { defineContentScript } from 'wxt/utils/define-content-script';
import { eventPanel } from '../../lib/hosts/calendar/event-panel';
import { runFeatures } from '../../lib/hosts/features';

export default defineContentScript({
  matches: ['https://calendar.google.com/*'],
  runAt: 'document_idle',
  main(ctx) {
    runFeatures([eventPanel], ctx.signal);
  },
});
