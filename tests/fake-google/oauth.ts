/**
 * Google's OAuth 2.0 endpoints as far as Tandem's sign-in uses them: the authorization endpoint with
 * the implicit flow (`response_type=token`, what `identity.launchWebAuthFlow` drives) and token
 * revocation. No consent screen: an interactive request is granted at once, as if the user had
 * clicked "Allow".
 *
 * - `GET /o/oauth2/v2/auth?client_id&redirect_uri&response_type=token&scope&state[&login_hint][&prompt]`
 *   → 302 to `redirect_uri#access_token=user:<email>&token_type=Bearer&expires_in=3600&scope=…&state=…`.
 *   The user is `login_hint` (a seeded user), the account chosen for the redirect URI's origin
 *   (`chooseAccount`: one browser profile's extension instance), or the seed's default user. A missing `client_id` or
 *   `redirect_uri`, another `response_type`, or a scope without `calendar.events.owned` (or with
 *   anything that is no Calendar scope) is a 400 page, as Google shows one instead of redirecting.
 *   `prompt=none` (a silent renewal) is granted only to a user who granted access before and has
 *   not revoked it since; otherwise it redirects with `#error=interaction_required`, as Google does.
 * - `POST /revoke?token=…` (or `token` in a form body) → 200; that token answers 401 from then on and
 *   the user's grant is gone (a silent renewal fails) until they sign in interactively again.
 *   An unknown or empty token is Google's 400 `invalid_token`.
 */

/** The scope Tandem asks for; every request must include it. */
export const CALENDAR_EVENTS_OWNED = 'https://www.googleapis.com/auth/calendar.events.owned';

/** Calendar scopes a request may name besides it (all of Google's Calendar API scopes). */
const CALENDAR_SCOPES = new Set([
  CALENDAR_EVENTS_OWNED,
  'https://www.googleapis.com/auth/calendar',
  'https://www.googleapis.com/auth/calendar.readonly',
  'https://www.googleapis.com/auth/calendar.events',
  'https://www.googleapis.com/auth/calendar.events.readonly',
  'https://www.googleapis.com/auth/calendar.events.owned.readonly',
  'https://www.googleapis.com/auth/calendar.calendarlist.readonly',
  'https://www.googleapis.com/auth/calendar.settings.readonly',
]);

/** What the fake's token lifetime is, in seconds (Google's is 3599). */
export const TOKEN_LIFETIME_S = 3600;

/** One authorization request, for tests to see who signed in how. */
export interface AuthorizationEntry {
  at: string;
  clientId: string | null;
  scope: string | null;
  prompt: string | null;
  loginHint: string | null;
  /** `granted` (redirected with a token), `interaction_required` (silent, no grant), or `400`. */
  outcome: 'granted' | 'interaction_required' | 'invalid';
  user?: string;
}

export type OAuthAnswer =
  | { kind: 'redirect'; location: string }
  | { kind: 'error'; status: number; contentType: string; body: string };

export interface OAuthUsers {
  /** Whether a seeded user has this email. */
  has(email: string): boolean;
  defaultUser(): string;
  tokenFor(email: string): string;
}

/**
 * The OAuth side of the fake: who granted access, which tokens were revoked, and a log of the
 * authorization requests.
 */
export class OAuth {
  readonly log: AuthorizationEntry[] = [];
  /** Emails of users who granted access and have not revoked it. */
  private readonly granted = new Set<string>();
  /** Bearer tokens that answer 401. */
  private readonly revoked = new Set<string>();

  private readonly users: OAuthUsers;
  /**
   * The account chosen per redirect URI's origin (one browser profile's extension instance), as
   * Google's account chooser remembers the account a browser signed in with: lets two profiles
   * sign in as two users without `login_hint`.
   */
  private readonly chosen = new Map<string, string>();

  constructor(users: OAuthUsers) {
    this.users = users;
  }

  isRevoked(token: string): boolean {
    return this.revoked.has(token);
  }

  /** The token answers 401 from now on and its user's grant ends (Google-side revocation too). */
  revoke(token: string): void {
    this.revoked.add(token);
    if (token.startsWith('user:')) this.granted.delete(token.slice('user:'.length));
  }

  /** Sign-ins (and silent renewals) redirecting to `redirectUri`'s origin are `email`'s from now on. */
  chooseAccount(redirectUri: string, email: string): void {
    if (!this.users.has(email)) throw new Error(`no seeded user ${email}`);
    this.chosen.set(new URL(redirectUri).origin, email);
  }

  reset(): void {
    this.chosen.clear();
    this.granted.clear();
    this.revoked.clear();
    this.log.length = 0;
  }

  /** `GET /o/oauth2/v2/auth`. */
  authorize(query: URLSearchParams): OAuthAnswer {
    const entry: AuthorizationEntry = {
      at: new Date().toISOString(),
      clientId: query.get('client_id'),
      scope: query.get('scope'),
      prompt: query.get('prompt'),
      loginHint: query.get('login_hint'),
      outcome: 'invalid',
    };
    this.log.push(entry);
    const problem = this.problemWith(query);
    if (problem) return errorPage(problem);

    const redirect = new URL(query.get('redirect_uri') as string);
    const fragment = new URLSearchParams();
    const hint = query.get('login_hint');
    const email = hint ?? this.chosen.get(redirect.origin) ?? this.users.defaultUser();
    const silent = (query.get('prompt') ?? '').split(' ').includes('none');
    if (silent && !this.granted.has(email)) {
      entry.outcome = 'interaction_required';
      fragment.set('error', 'interaction_required');
    } else {
      // Signing in again is a new grant: a token revoked earlier works again (Google would issue a
      // new one; the fake's tokens name their user, so the same token comes back).
      this.granted.add(email);
      const token = this.users.tokenFor(email);
      this.revoked.delete(token);
      entry.outcome = 'granted';
      entry.user = email;
      fragment.set('access_token', token);
      fragment.set('token_type', 'Bearer');
      fragment.set('expires_in', String(TOKEN_LIFETIME_S));
      fragment.set('scope', query.get('scope') as string);
    }
    const state = query.get('state');
    if (state !== null) fragment.set('state', state);
    redirect.hash = fragment.toString();
    return { kind: 'redirect', location: redirect.href };
  }

  /** `POST /revoke`: the token from the query or the form body. */
  revokeRequest(query: URLSearchParams, body: string): { status: number; body: unknown } {
    const token = query.get('token') ?? new URLSearchParams(body).get('token') ?? '';
    const known = token.startsWith('user:') && this.users.has(token.slice('user:'.length));
    if (!known || this.revoked.has(token)) {
      // Google's answer for a token it does not know (or one already revoked).
      return { status: 400, body: { error: 'invalid_token', error_description: 'Token expired or revoked' } };
    }
    this.revoke(token);
    return { status: 200, body: {} };
  }

  /** Why Google would refuse this authorization request, or `null`. */
  private problemWith(query: URLSearchParams): string | null {
    if (!query.get('client_id')) return 'invalid_request: Missing required parameter: client_id';
    const redirect = query.get('redirect_uri');
    if (!redirect) return 'invalid_request: Missing required parameter: redirect_uri';
    if (!isRedirectUri(redirect)) return `invalid_request: redirect_uri is not an https URL: ${redirect}`;
    const responseType = query.get('response_type');
    if (responseType !== 'token') {
      return `unsupported_response_type: fake-google implements only response_type=token, not ${responseType ?? 'none'}`;
    }
    const scopes = (query.get('scope') ?? '').split(' ').filter(Boolean);
    if (scopes.length === 0) return 'invalid_request: Missing required parameter: scope';
    const unknown = scopes.find((scope) => !CALENDAR_SCOPES.has(scope));
    if (unknown) return `invalid_scope: Some requested scopes were invalid: ${unknown}`;
    if (!scopes.includes(CALENDAR_EVENTS_OWNED))
      return `invalid_scope: the request must include ${CALENDAR_EVENTS_OWNED}`;
    const hint = query.get('login_hint');
    if (hint !== null && !this.users.has(hint)) return `invalid_request: login_hint names no seeded user: ${hint}`;
    return null;
  }
}

/** https anywhere (the browsers' extension redirect hosts), http only on the loopback. */
function isRedirectUri(value: string): boolean {
  try {
    const url = new URL(value);
    if (url.protocol === 'https:') return true;
    return url.protocol === 'http:' && (url.hostname === '127.0.0.1' || url.hostname === 'localhost');
  } catch {
    return false;
  }
}

/** Google answers a bad authorization request with an error page ("Error 400: invalid_request"). */
function errorPage(problem: string): OAuthAnswer {
  const escaped = problem.replace(/[&<>"]/g, (c) => `&#${c.charCodeAt(0)};`);
  return {
    kind: 'error',
    status: 400,
    contentType: 'text/html; charset=UTF-8',
    body: `<!doctype html><title>Error 400</title><h1>Access blocked: authorization error</h1><p>Error 400: ${escaped}</p>`,
  };
}
