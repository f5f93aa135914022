import { describe, expect, it, vi } from 'vitest';
import {
  GOOGLE_API_BASE,
  GOOGLE_AUTH_URL,
  GOOGLE_REVOKE_URL,
  readCalendarConfig,
  syncAvailable,
} from '../../../lib/calendar/config';

describe('readCalendarConfig', () => {
  it('is local-only without a client id, and uses Google’s endpoints by default', () => {
    const config = readCalendarConfig({});
    expect(config).toEqual({
      clientId: null,
      authUrl: GOOGLE_AUTH_URL,
      apiBase: GOOGLE_API_BASE,
      revokeUrl: GOOGLE_REVOKE_URL,
    });
    expect(syncAvailable(config)).toBe(false);
    expect(syncAvailable(readCalendarConfig({ WXT_GOOGLE_CLIENT_ID: '  ' }))).toBe(false);
  });

  it('takes the client id and the fake server’s URLs from the build', () => {
    const config = readCalendarConfig({
      WXT_GOOGLE_CLIENT_ID: 'test-client.apps.googleusercontent.com',
      WXT_GOOGLE_AUTH_URL: 'http://127.0.0.1:8123/o/oauth2/v2/auth',
      WXT_GOOGLE_API_BASE: 'http://127.0.0.1:8123/calendar/v3/',
      WXT_GOOGLE_REVOKE_URL: 'http://127.0.0.1:8123/revoke',
    });
    expect(config).toEqual({
      clientId: 'test-client.apps.googleusercontent.com',
      authUrl: 'http://127.0.0.1:8123/o/oauth2/v2/auth',
      apiBase: 'http://127.0.0.1:8123/calendar/v3',
      revokeUrl: 'http://127.0.0.1:8123/revoke',
    });
    expect(syncAvailable(config)).toBe(true);
  });

  it('turns sync off, with one warning, when a URL is not http(s)', () => {
    const warn = vi.spyOn(console, 'warn').mockImplementation(() => {});
    const config = readCalendarConfig({ WXT_GOOGLE_CLIENT_ID: 'c', WXT_GOOGLE_API_BASE: 'javascript:alert(1)' });
    expect(config.clientId).toBeNull();
    expect(warn).toHaveBeenCalledTimes(1);
  });

  it('outside the fake-mode build, only Google’s own https endpoints: anything else is local-only', () => {
    vi.spyOn(console, 'warn').mockImplementation(() => {}); // logged once per page, see the test above
    const fake = {
      WXT_GOOGLE_CLIENT_ID: 'test-client.apps.googleusercontent.com',
      WXT_GOOGLE_AUTH_URL: 'http://127.0.0.1:8123/o/oauth2/v2/auth',
    };
    expect(readCalendarConfig(fake, { googleOnly: true }).clientId).toBeNull();
    expect(readCalendarConfig(fake, { googleOnly: false }).clientId).toBe('test-client.apps.googleusercontent.com');
    const google = readCalendarConfig({ WXT_GOOGLE_CLIENT_ID: 'id' }, { googleOnly: true });
    expect(google.clientId).toBe('id');
  });
});
