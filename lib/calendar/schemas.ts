/**
 * Every Google Calendar API v3 response body we read, as zod schemas (design.md §2, §4).
 *
 * Loose where Google is loose: unknown keys are dropped (never rejected), and fields Google may leave
 * out are optional. Strict where we rely on something: event ids and etags, the three statuses, and
 * start/end being a `date` or a `dateTime` but not both. Real responses these were checked against are
 * under tests/fixtures/google-api/ (SOURCES.md there says where each came from).
 *
 * `googleapis` is used for its `calendar_v3` types only (`import type`: nothing reaches the bundle;
 * its runtime is Node-only). The `Fits` checks at the end fail to compile if what we parse stops
 * being assignable to Google's own types.
 */
import type { calendar_v3 } from 'googleapis';
import { z } from 'zod/mini';
import '../model/common'; // jitless zod (MV3 CSP forbids eval)

const Text = z.string();
const NonEmpty = z.string().check(z.minLength(1));
/** Google writes `updated`/`created` in UTC (`2025-03-25T13:06:14.176Z`); an offset is accepted too. */
const Timestamp = z.iso.datetime({ offset: true });

/**
 * A start, end or original start: a `dateTime` with offset (timed) or a `date` (all-day, end exclusive).
 * `timeZone` is optional: cancelled instances often carry `originalStartTime` without it.
 */
export const EventDateTime = z
  .object({
    date: z.optional(z.iso.date()),
    dateTime: z.optional(z.iso.datetime({ offset: true })),
    timeZone: z.optional(Text),
  })
  .check(
    z.refine(
      (value) => (value.date === undefined) !== (value.dateTime === undefined),
      'must have exactly one of date and dateTime',
    ),
  );
export type EventDateTime = z.infer<typeof EventDateTime>;

/** Organizer or creator. `self` marks the signed-in user (or the calendar we read, for group calendars). */
const Person = z.object({
  id: z.optional(Text),
  email: z.optional(Text),
  displayName: z.optional(Text),
  self: z.optional(z.boolean()),
});

const Attendee = z.object({
  id: z.optional(Text),
  email: z.optional(Text),
  displayName: z.optional(Text),
  self: z.optional(z.boolean()),
  organizer: z.optional(z.boolean()),
  resource: z.optional(z.boolean()),
  optional: z.optional(z.boolean()),
  /** `needsAction`, `declined`, `tentative`, `accepted`; kept open in case Google adds one. */
  responseStatus: z.optional(Text),
});

const EntryPoint = z.object({
  /** `video`, `phone`, `sip`, `more`. */
  entryPointType: z.optional(Text),
  uri: z.optional(Text),
  label: z.optional(Text),
  meetingCode: z.optional(Text),
  pin: z.optional(Text),
  regionCode: z.optional(Text),
});

const SolutionKey = z.object({ type: z.optional(Text) });

const ConferenceData = z.object({
  /** For Google Meet the meeting code (`vxc-jcvs-juv`); other solutions use their own ids. */
  conferenceId: z.optional(Text),
  entryPoints: z.optional(z.array(EntryPoint)),
  conferenceSolution: z.optional(z.object({ key: z.optional(SolutionKey), name: z.optional(Text) })),
  createRequest: z.optional(
    z.object({
      requestId: z.optional(Text),
      conferenceSolutionKey: z.optional(SolutionKey),
      /** `pending` until Meet has made the call, then `success` or `failure`. */
      status: z.optional(z.object({ statusCode: z.optional(Text) })),
    }),
  ),
  signature: z.optional(Text),
});

const Properties = z.record(Text, Text);

/**
 * Our tags live in `private` (the user's own copy) and `shared` (every attendee's copy). Google
 * writes private properties of its own too, e.g. `everyoneDeclinedDismissed: "-1"`.
 */
const ExtendedProperties = z.object({ private: z.optional(Properties), shared: z.optional(Properties) });

const Reminders = z.object({
  useDefault: z.optional(z.boolean()),
  overrides: z.optional(z.array(z.object({ method: z.optional(Text), minutes: z.optional(z.number()) }))),
});

/** What any event item may carry, whatever its status. */
const eventFields = {
  kind: z.optional(Text),
  id: NonEmpty,
  /** Instances of a series share the master's etag (and `updated`) until one of them is edited. */
  etag: NonEmpty,
  summary: z.optional(Text),
  description: z.optional(Text),
  location: z.optional(Text),
  htmlLink: z.optional(Text),
  hangoutLink: z.optional(Text),
  created: z.optional(Timestamp),
  updated: z.optional(Timestamp),
  iCalUID: z.optional(Text),
  sequence: z.optional(z.number()),
  /** `default`, `outOfOffice`, `focusTime`, `workingLocation`, `birthday`, `fromGmail`. */
  eventType: z.optional(Text),
  visibility: z.optional(Text),
  transparency: z.optional(Text),
  colorId: z.optional(Text),
  start: z.optional(EventDateTime),
  end: z.optional(EventDateTime),
  /** On masters: `RRULE:`/`EXDATE:`/`RDATE:` lines. */
  recurrence: z.optional(z.array(Text)),
  /** On instances (moved, edited or cancelled): the master's id. */
  recurringEventId: z.optional(NonEmpty),
  /** On instances: where the rule put this occurrence; it never changes when the instance is moved. */
  originalStartTime: z.optional(EventDateTime),
  organizer: z.optional(Person),
  creator: z.optional(Person),
  attendees: z.optional(z.array(Attendee)),
  guestsCanModify: z.optional(z.boolean()),
  guestsCanInviteOthers: z.optional(z.boolean()),
  guestsCanSeeOtherGuests: z.optional(z.boolean()),
  privateCopy: z.optional(z.boolean()),
  conferenceData: z.optional(ConferenceData),
  extendedProperties: z.optional(ExtendedProperties),
  reminders: z.optional(Reminders),
};

/** A confirmed or tentative event always says when it is. */
const LiveEvent = z.object({
  ...eventFields,
  status: z.enum(['confirmed', 'tentative']),
  start: EventDateTime,
  end: EventDateTime,
});

/**
 * A cancelled item may be as small as `{kind, etag, id, status}`: a deleted series or single event,
 * or an instance removed by "delete this and following" (then even `recurringEventId` and
 * `originalStartTime` can be missing, and only the id's `_<start>` suffix says which occurrence it was).
 */
const CancelledEvent = z.object({ ...eventFields, status: z.literal('cancelled') });

/** One item of `events.list`/`instances`, or the body of `events.get`/`insert`/`patch`. */
export const ApiEvent = z.discriminatedUnion('status', [LiveEvent, CancelledEvent]);
export type ApiEvent = z.infer<typeof ApiEvent>;

const DefaultReminders = z.array(z.object({ method: z.optional(Text), minutes: z.optional(z.number()) }));

/**
 * A page of `events.list` or `events.instances`. Intermediate pages carry `nextPageToken`; the last
 * page of a list carries `nextSyncToken` instead (not every query gets one).
 */
export const EventsPage = z.object({
  kind: z.optional(Text),
  etag: z.optional(Text),
  summary: z.optional(Text),
  description: z.optional(Text),
  updated: z.optional(Timestamp),
  /** The calendar's zone: all-day and floating times are read in it. */
  timeZone: z.optional(Text),
  accessRole: z.optional(Text),
  defaultReminders: z.optional(DefaultReminders),
  nextPageToken: z.optional(NonEmpty),
  nextSyncToken: z.optional(NonEmpty),
  items: z._default(z.array(ApiEvent), () => []),
});
export type EventsPage = z.infer<typeof EventsPage>;

/**
 * Which calendars we may write to. An access role Google might add later reads as the least one, so
 * a new value never breaks the whole list.
 */
export const AccessRole = z.catch(z.enum(['freeBusyReader', 'reader', 'writer', 'owner']), 'freeBusyReader');
export type AccessRole = z.infer<typeof AccessRole>;

export const CalendarListEntry = z.object({
  kind: z.optional(Text),
  etag: z.optional(Text),
  id: NonEmpty,
  summary: z.optional(Text),
  summaryOverride: z.optional(Text),
  description: z.optional(Text),
  timeZone: z.optional(Text),
  accessRole: AccessRole,
  primary: z.optional(z.boolean()),
  selected: z.optional(z.boolean()),
  hidden: z.optional(z.boolean()),
  deleted: z.optional(z.boolean()),
  colorId: z.optional(Text),
  backgroundColor: z.optional(Text),
  foregroundColor: z.optional(Text),
  defaultReminders: z.optional(DefaultReminders),
  conferenceProperties: z.optional(z.object({ allowedConferenceSolutionTypes: z.optional(z.array(Text)) })),
});
export type CalendarListEntry = z.infer<typeof CalendarListEntry>;

export const CalendarListPage = z.object({
  kind: z.optional(Text),
  etag: z.optional(Text),
  nextPageToken: z.optional(NonEmpty),
  nextSyncToken: z.optional(NonEmpty),
  items: z._default(z.array(CalendarListEntry), () => []),
});
export type CalendarListPage = z.infer<typeof CalendarListPage>;

/**
 * Error bodies, both generations: the older one has `errors[]` with `domain`/`reason`; the newer one
 * adds `status` (`UNAUTHENTICATED`, `PERMISSION_DENIED`, …) and may carry the reason only in
 * `details[]` (`google.rpc.ErrorInfo`).
 */
export const ApiErrorBody = z.object({
  error: z.object({
    code: z.number(),
    message: z.optional(Text),
    status: z.optional(Text),
    errors: z.optional(
      z.array(
        z.object({
          domain: z.optional(Text),
          reason: z.optional(Text),
          message: z.optional(Text),
          location: z.optional(Text),
          locationType: z.optional(Text),
        }),
      ),
    ),
    details: z.optional(z.array(z.object({ '@type': z.optional(Text), reason: z.optional(Text) }))),
  }),
});
export type ApiErrorBody = z.infer<typeof ApiErrorBody>;

/** The first reason an error body gives: `errors[0].reason`, else an `ErrorInfo` detail's. */
export function errorReason(body: ApiErrorBody): string | null {
  return (
    body.error.errors?.find((entry) => entry.reason)?.reason ??
    body.error.details?.find((detail) => detail.reason)?.reason ??
    null
  );
}

// Compile-time only: each parsed type must be assignable to Google's type for the same payload.
type Fits<Ours extends Theirs, Theirs> = [Ours, Theirs];
export type GoogleTypeChecks = [
  Fits<ApiEvent, calendar_v3.Schema$Event>,
  Fits<EventDateTime, calendar_v3.Schema$EventDateTime>,
  Fits<EventsPage, calendar_v3.Schema$Events>,
  Fits<CalendarListEntry, calendar_v3.Schema$CalendarListEntry>,
  Fits<CalendarListPage, calendar_v3.Schema$CalendarList>,
];
