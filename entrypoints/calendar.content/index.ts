import { defineContentScript } from 'wxt/utils/define-content-script';
import { chipBadges } from '../../lib/hosts/calendar/chip-badges';
import { editPagePanel } from '../../lib/hosts/calendar/edit-page-panel';
import { eventPanel } from '../../lib/hosts/calendar/event-panel';
import { runFeatures } from '../../lib/hosts/features';

export default defineContentScript({
  matches: ['https://calendar.google.com/*'],
  runAt: 'document_idle',
  main(ctx) {
    runFeatures([eventPanel, editPagePanel, chipBadges], ctx.signal);
  },
});
