import { defineContentScript } from 'wxt/utils/define-content-script';
import { runFeatures } from '../../lib/hosts/features';
import { sidebarToggle } from '../../lib/hosts/meet/sidebar-toggle';

export default defineContentScript({
  matches: ['https://meet.google.com/*'],
  runAt: 'document_idle',
  main(ctx) {
    runFeatures([sidebarToggle], ctx.signal);
  },
});
