/**
 * Google's JSON error bodies, as the Calendar API sends them:
 * `{"error":{"code","message","errors":[{"domain","reason","message",…}],"status"}}`.
 *
 * Wording, domains and locations come from tests/fixtures/google-api/errors-*.json (Google's
 * "Handle API errors" guide and bodies captured from real responses) unless a comment says where
 * else they come from. `status` is the canonical code Google adds in its newer envelope (seen on
 * real 401 and 403 bodies); it is left out for 410 and 412, which have no canonical equivalent.
 */

export interface GoogleErrorItem {
  domain: string;
  reason: string;
  message: string;
  locationType?: string;
  location?: string;
}

export interface GoogleErrorBody {
  error: { code: number; message: string; errors: GoogleErrorItem[]; status?: string };
}

const CANONICAL_STATUS: Record<number, string> = {
  400: 'INVALID_ARGUMENT',
  401: 'UNAUTHENTICATED',
  403: 'PERMISSION_DENIED',
  404: 'NOT_FOUND',
  409: 'ALREADY_EXISTS',
  429: 'RESOURCE_EXHAUSTED',
  500: 'INTERNAL',
  503: 'UNAVAILABLE',
};

/** An API error the fake answers with; thrown anywhere below the HTTP layer. */
export class GoogleApiError extends Error {
  readonly code: number;
  readonly item: GoogleErrorItem;
  /** The top-level message when it differs from the item's (Google's 401 "required" body). */
  readonly topMessage: string | undefined;

  constructor(code: number, item: GoogleErrorItem, topMessage?: string) {
    super(topMessage ?? item.message);
    this.code = code;
    this.item = item;
    this.topMessage = topMessage;
  }

  body(): GoogleErrorBody {
    const status = CANONICAL_STATUS[this.code];
    return {
      error: {
        code: this.code,
        message: this.topMessage ?? this.item.message,
        errors: [this.item],
        ...(status && { status }),
      },
    };
  }
}

function error(code: number, domain: string, reason: string, message: string, location?: [string, string]) {
  const item: GoogleErrorItem = { domain, reason, message };
  if (location) {
    item.locationType = location[0];
    item.location = location[1];
  }
  return new GoogleApiError(code, item);
}

export const errors = {
  /** No Authorization header, or an empty bearer token (errors-captured-real.json, 2021). */
  loginRequired: () =>
    new GoogleApiError(
      401,
      {
        message: 'Login Required.',
        domain: 'global',
        reason: 'required',
        location: 'Authorization',
        locationType: 'header',
      },
      'Request is missing required authentication credential. Expected OAuth 2 access token, login cookie or other valid authentication credential. See https://developers.google.com/identity/sign-in/web/devconsole-project.',
    ),
  /** A token Google does not accept (expired, revoked, unknown user). */
  invalidCredentials: () => error(401, 'global', 'authError', 'Invalid Credentials', ['header', 'Authorization']),
  notFound: () => error(404, 'global', 'notFound', 'Not Found'),
  /** Deleting an event that is already deleted. */
  deleted: () => error(410, 'global', 'deleted', 'Resource has been deleted'),
  duplicate: () => error(409, 'global', 'duplicate', 'The requested identifier already exists.'),
  conditionNotMet: () => error(412, 'global', 'conditionNotMet', 'Precondition Failed', ['header', 'If-Match']),
  fullSyncRequired: () =>
    error(410, 'calendar', 'fullSyncRequired', 'Sync token is no longer valid, a full sync is required.', [
      'parameter',
      'syncToken',
    ]),
  /** timeMin ≥ timeMax on a list; on an event (end before start) Google names no location. */
  timeRangeEmpty: (location?: string) =>
    error(
      400,
      'calendar',
      'timeRangeEmpty',
      'The specified time range is empty.',
      location ? ['parameter', location] : undefined,
    ),
  /**
   * syncToken combined with a filter. Reason and message as reported from real responses
   * (qiita.com/shiraily/items/6762046f041551c269da, 2021); no full body was ever published, so the
   * domain is our guess.
   */
  syncTokenWithRestrictions: () =>
    error(
      400,
      'calendar',
      'syncTokenWithRequestRestrictions',
      'Sync token cannot be used with other request restrictions.',
    ),
  /** orderBy=startTime without singleEvents=true (real body in googleworkspace/java-samples#52). */
  orderingNotAvailable: () =>
    error(400, 'global', 'invalid', 'The requested ordering is not available for the particular query.', [
      'parameter',
      'orderBy',
    ]),
  invalidParameter: (name: string, message = 'Invalid Value') =>
    error(400, 'global', 'invalid', message, ['parameter', name]),
  /** A client-supplied event id outside base32hex / 5–1024 chars (real body in odoo/odoo#18180). */
  invalidResourceId: () => error(400, 'global', 'invalid', 'Invalid resource id value.'),
  required: (message: string) => error(400, 'global', 'required', message),
  invalid: (message: string) => error(400, 'global', 'invalid', message),
  parseError: () => error(400, 'global', 'parseError', 'Parse Error'),
  /** Oversized event data; the message Google gives for it on events.insert (GAS-ICS-Sync#271). */
  sizeLimit: () => error(400, 'global', 'invalid', 'A provided value exceeds the allowed size limit.'),
  forbiddenForNonOrganizer: () =>
    error(
      403,
      'calendar',
      'forbiddenForNonOrganizer',
      'Shared properties can only be changed by the organizer of the event.',
    ),
  rateLimit429: () => error(429, 'usageLimits', 'rateLimitExceeded', 'Rate Limit Exceeded'),
  rateLimit403: () => error(403, 'usageLimits', 'rateLimitExceeded', 'Rate Limit Exceeded'),
  userRateLimit403: () => error(403, 'usageLimits', 'userRateLimitExceeded', 'User Rate Limit Exceeded'),
  quotaExceeded403: () => error(403, 'usageLimits', 'quotaExceeded', 'Calendar usage limits exceeded.'),
  backendError: () => error(500, 'global', 'backendError', 'Backend Error'),
  unavailable: () => error(503, 'global', 'backendError', 'The service is currently unavailable.'),
  /** Not Google's: a request the fake does not implement. Says so, so nobody mistakes it for Google. */
  notImplemented: (what: string) =>
    error(400, 'global', 'invalid', `fake-google does not implement ${what}; extend tests/fake-google or avoid it.`),
};
