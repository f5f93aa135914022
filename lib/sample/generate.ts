import type { AgendaItem, AgendaTemplateId } from '../model/agenda';
import type { Goal, Milestone } from '../model/goal';
import type { Note } from '../model/note';
import type { ActionItem, CheckIn, Feedback, Takeaway, Win } from '../model/outcome';
import type { Cadence, LinkedSeries, Relationship } from '../model/relationship';
import type { Session } from '../model/session';
import {
  ARCHETYPES,
  type Archetype,
  BOUNDARIES,
  CANCELLED_REASONS,
  CHECK_IN_NOTES,
  EXPECTATIONS,
  FEEDBACK,
  FREE_WINS,
  GENERIC_ACTIONS,
  GENERIC_TAKEAWAYS,
  GENERIC_TOPICS,
  GOALS,
  type GoalTemplate,
  ITEM_REACTIONS,
  NOTE_CLOSERS,
  NOTE_OPENERS,
  NOTE_REFLECTIONS,
  OTHER_SCRIPT_LINES,
  PEOPLE,
  type Person,
  REVISIONS,
  ROLES,
  SLOTS,
  TEMPLATE_TOPICS,
} from './content';
import { Random } from './random';

export interface SampleOptions {
  relationships: number;
  /** How far back the relationships reach from `today`; fractions allowed. */
  years: number;
  seed: number;
  /** `YYYY-MM-DD`; sessions before it are past, after it scheduled. Default 2026-11-23. */
  today?: string;
}

/** One array per table of the database (`TABLE_NAMES`); `seedDatabase` writes them as they are. */
export interface SampleData {
  relationships: Relationship[];
  goals: Goal[];
  sessions: Session[];
  agendaItems: AgendaItem[];
  notes: Note[];
  takeaways: Takeaway[];
  actionItems: ActionItem[];
  feedback: Feedback[];
  checkIns: CheckIn[];
  wins: Win[];
}

const MINUTE = 60_000;
const HOUR = 60 * MINUTE;
const DAY = 24 * HOUR;

/** Sync keeps sessions four weeks ahead; later occurrences do not exist locally yet. */
const HORIZON_DAYS = 28;

// Amounts per held session, tuned so that 10 relationships × 5 years give ≈2,600 sessions and more
// than 50,000 agenda items, notes, takeaways and action items: the size views and search must stay
// fast with. Denser than a typical session on purpose.
const FRESH_AGENDA: Range = [7, 13];
const MAX_CARRIED = 3;
const NOTES: Range = [1, 4];
const TAKEAWAYS: Range = [2, 6];
const ACTIONS: Range = [1, 5];

type Range = readonly [min: number, max: number];

const CALENDARS = ['me@example.com', 'c_3k8f1q2mentoring@group.calendar.google.com'];
/** Meeting times in UTC minutes after midnight. */
const START_MINUTES = [7 * 60, 8 * 60 + 30, 12 * 60, 15 * 60, 16 * 60 + 30, 17 * 60];
const MOVES = [DAY, -DAY, 2 * HOUR, -3 * HOUR];

/**
 * A deterministic, realistic mentoring history: the same options always give deep-equal data, and
 * every record passes its zod schema and refers only to records in the same data set.
 *
 * Relationship `i` depends only on the seed and `i`, so a larger set extends a smaller one. Sessions
 * follow each agreement's cadence from `years` back to four weeks after `today`; held ones carry
 * agenda, notes and outcomes, undiscussed agenda items roll to the next session, and open action items
 * wait for review at the next scheduled session.
 */
export function generateSample(options: SampleOptions): SampleData {
  const { relationships, years, seed } = options;
  if (!Number.isInteger(relationships) || relationships < 0) throw new RangeError('relationships: a count ≥ 0');
  if (!(years > 0)) throw new RangeError('years: a positive number');
  const todayDay = dayNumber(options.today ?? '2026-11-23');
  const clock: Clock = {
    todayDay,
    todayMs: todayDay * DAY,
    // "Now" is this morning: nothing was written later than that.
    nowMs: todayDay * DAY + 8 * HOUR,
    firstDay: todayDay - Math.round(years * 365.25),
  };
  const data: SampleData = {
    relationships: [],
    goals: [],
    sessions: [],
    agendaItems: [],
    notes: [],
    takeaways: [],
    actionItems: [],
    feedback: [],
    checkIns: [],
    wins: [],
  };
  for (let i = 0; i < relationships; i++) writeRelationship(data, clock, i, Random.forPart(seed, i));
  return data;
}

interface Clock {
  todayDay: number;
  todayMs: number;
  nowMs: number;
  firstDay: number;
}

interface Pair {
  rng: Random;
  clock: Clock;
  archetype: Archetype;
  person: Person;
  relationshipId: string;
  createdMs: number;
}

interface Slot {
  session: Session;
  day: number;
  startMs: number;
  endMs: number;
  /** Took place (held, or held at a moved time): has notes and outcomes. */
  happened: boolean;
  future: boolean;
}

interface GoalPlan {
  goal: Goal;
  template: GoalTemplate;
  /** Slots in which the goal is worked on: [from, until). */
  from: number;
  until: number;
  /** Milestones reached and the goal achieved, by the slot where it happened. */
  wins: { slot: number; win: WinSeed }[];
}

interface WinSeed {
  goalId?: string;
  milestoneId?: string;
  text: string;
}

function writeRelationship(data: SampleData, clock: Clock, index: number, rng: Random): void {
  const archetype = ARCHETYPES[index % ARCHETYPES.length] as Archetype;
  const person = PEOPLE[index % PEOPLE.length] as Person;
  const startDay = clock.firstDay + rng.int(0, 30);
  const stopDay =
    archetype.status === 'ended'
      ? clock.todayDay - 120
      : archetype.status === 'paused'
        ? clock.todayDay - 45
        : clock.todayDay + HORIZON_DAYS;
  const pair: Pair = {
    rng,
    clock,
    archetype,
    person,
    relationshipId: rng.uuid(),
    createdMs: (startDay - 3) * DAY + 9 * HOUR,
  };

  const { slots, series } = scheduleSessions(pair, startDay, stopDay);
  const plans = planGoals(pair, slots);
  data.relationships.push(relationshipRecord(pair, startDay, stopDay, series));
  data.sessions.push(...slots.map((slot) => slot.session));
  data.goals.push(...plans.map((plan) => plan.goal));
  writeSessionContent(data, pair, slots, plans);
}

function relationshipRecord(pair: Pair, startDay: number, stopDay: number, series: LinkedSeries[]): Relationship {
  const { rng, archetype, person, clock } = pair;
  const lastAnniversary = startDay + 365 * Math.floor((Math.min(stopDay, clock.todayDay) - startDay) / 365);
  const ended = archetype.status === 'ended';
  const changedMs = archetype.status === 'active' ? lastAnniversary * DAY + 10 * HOUR : stopDay * DAY + 10 * HOUR;
  return {
    id: pair.relationshipId,
    myRole: archetype.myRole,
    other: { name: person.name, ...(person.email ? { email: person.email } : {}) },
    status: archetype.status,
    startedOn: isoDay(startDay),
    ...(ended ? { endedOn: isoDay(stopDay) } : {}),
    series,
    agreement: {
      cadence: RULES[archetype.rule].cadence,
      sessionMinutes: archetype.sessionMinutes,
      channels: [...archetype.channels],
      mentorRole: ROLES.mentor,
      menteeRole: ROLES.mentee,
      mentorExpectations: EXPECTATIONS.mentor.join('\n'),
      menteeExpectations: EXPECTATIONS.mentee.join('\n'),
      boundaries: rng.sample(BOUNDARIES, rng.int(1, 3)),
      // Agreements are reviewed yearly, on the anniversary.
      ...(ended ? {} : { reviewOn: isoDay(lastAnniversary + 365) }),
    },
    ...stamps(pair, pair.createdMs, changedMs),
  };
}

// ---------------------------------------------------------------------------------------------------
// Sessions

interface Rule {
  cadence: Cadence;
  /** The first occurrence on or after `day`. */
  first(day: number): number;
  next(day: number): number;
}

const RULES: Record<Archetype['rule'], Rule> = {
  weekly: { cadence: { kind: 'weekly' }, first: nextWorkday, next: (day) => day + 7 },
  biweekly: { cadence: { kind: 'biweekly' }, first: nextWorkday, next: (day) => day + 14 },
  monthly: {
    cadence: { kind: 'monthly' },
    first: (day) => {
      const candidate = nextWorkday(day);
      // Days 29–31 do not exist in every month; start at the beginning of the next one instead.
      return new Date(candidate * DAY).getUTCDate() > 28
        ? nextWorkday(firstOfMonth(addMonths(candidate, 1)))
        : candidate;
    },
    next: (day) => addMonths(day, 1),
  },
  'twice-weekly': {
    cadence: { kind: 'custom', rrule: 'FREQ=WEEKLY;BYDAY=TU,TH' },
    first: (day) => {
      let d = day;
      while (weekday(d) !== 2 && weekday(d) !== 4) d++;
      return d;
    },
    next: (day) => (weekday(day) === 2 ? day + 2 : day + 5),
  },
  'every-3-weeks': {
    cadence: { kind: 'custom', rrule: 'FREQ=WEEKLY;INTERVAL=3;BYDAY=WE' },
    first: (day) => day + ((3 - weekday(day) + 7) % 7),
    next: (day) => day + 21,
  },
  'first-monday': {
    cadence: { kind: 'custom', rrule: 'FREQ=MONTHLY;BYDAY=1MO' },
    first: (day) => {
      const candidate = firstMondayOfMonth(day);
      return candidate >= day ? candidate : firstMondayOfMonth(addMonths(candidate, 1));
    },
    next: (day) => firstMondayOfMonth(addMonths(day, 1)),
  },
};

function scheduleSessions(pair: Pair, startDay: number, stopDay: number): { slots: Slot[]; series: LinkedSeries[] } {
  const { rng, archetype, clock } = pair;
  const rule = RULES[archetype.rule];
  const calendarId = rng.pick(CALENDARS);
  const withVideo = archetype.channels.includes('video');
  // Long relationships often move to a new time slot, which in Calendar is a new series.
  const bounds = [startDay];
  const span = stopDay - startDay;
  if (span > 400 && rng.chance(0.4)) bounds.push(startDay + Math.round(span * (0.3 + 0.4 * rng.next())));
  bounds.push(stopDay);

  const slots: Slot[] = [];
  const series: LinkedSeries[] = [];
  for (let part = 0; part + 1 < bounds.length; part++) {
    const seriesId = rng.eventIdBase(26);
    const minuteOfDay = rng.pick(START_MINUTES);
    const meetCode = withVideo ? rng.meetCode() : undefined;
    series.push({ calendarId, seriesId });
    for (let day = rule.first(bounds[part] as number); day < (bounds[part + 1] as number); day = rule.next(day)) {
      const originalMs = day * DAY + minuteOfDay * MINUTE;
      const moved = rng.chance(0.04);
      const startMs = moved ? originalMs + rng.pick(MOVES) : originalMs;
      const future = startMs >= clock.todayMs;
      const status: Session['status'] = moved
        ? 'moved'
        : future
          ? 'scheduled'
          : rng.chance(0.06)
            ? 'cancelled'
            : 'held';
      const endMs = startMs + archetype.sessionMinutes * MINUTE;
      const happened = !future && status !== 'cancelled';
      const syncedMs = Math.max(pair.createdMs, originalMs - HORIZON_DAYS * DAY);
      slots.push({
        day: Math.floor(startMs / DAY),
        startMs,
        endMs,
        happened,
        future,
        session: {
          id: rng.uuid(),
          relationshipId: pair.relationshipId,
          calendarId,
          // A moved occurrence keeps the id of its original start (design.md §3).
          eventId: `${seriesId}_${basicUtc(originalMs)}`,
          seriesId,
          start: instant(startMs),
          end: instant(endMs),
          status,
          ...(meetCode ? { meetCode } : {}),
          ...stamps(pair, syncedMs, happened ? endMs : status === 'cancelled' ? originalMs - DAY : syncedMs),
        },
      });
    }
  }
  if (withVideo) addAdHocCalls(pair, slots, Math.floor(span / 365));
  slots.sort((a, b) => a.startMs - b.startMs);
  return { slots, series };
}

/** Quick calls outside the series, known only by their Meet code. */
function addAdHocCalls(pair: Pair, slots: Slot[], count: number): void {
  const { rng, clock } = pair;
  const past = slots.filter((slot) => slot.happened);
  for (let i = 0; i < count && past.length > 0; i++) {
    const startMs = rng.pick(past).startMs + 2 * DAY + 3 * HOUR;
    if (startMs >= clock.todayMs) continue;
    const endMs = startMs + 20 * MINUTE;
    slots.push({
      day: Math.floor(startMs / DAY),
      startMs,
      endMs,
      happened: true,
      future: false,
      session: {
        id: rng.uuid(),
        relationshipId: pair.relationshipId,
        start: instant(startMs),
        end: instant(endMs),
        status: 'held',
        meetCode: rng.meetCode(),
        ...stamps(pair, startMs, endMs),
      },
    });
  }
}

// ---------------------------------------------------------------------------------------------------
// Goals

function planGoals(pair: Pair, slots: Slot[]): GoalPlan[] {
  const { rng, clock } = pair;
  const happened = slots.flatMap((slot, index) => (slot.happened ? [index] : []));
  const templates = rng.sample(GOALS, rng.int(2, 5));
  const plans: GoalPlan[] = [];
  for (const [g, template] of templates.entries()) {
    // The first goal comes from the first session and the last is recent, so that a relationship
    // has current work; the others come up along the way.
    const last = happened.length - 1;
    const createdPos =
      g === 0 || last < 0
        ? 0
        : g === templates.length - 1
          ? rng.int(Math.floor(last * 0.85), last)
          : rng.int(0, Math.floor(last * 0.7));
    const createdSlot = happened[createdPos];
    const createdMs = createdSlot === undefined ? pair.createdMs : (slots[createdSlot] as Slot).endMs;
    const createdDay = Math.floor(createdMs / DAY);
    const goalId = rng.uuid();
    let targetDay = createdDay + rng.int(180, 540);

    const dropPos =
      rng.chance(0.1) && happened.length > createdPos + 4 ? rng.int(createdPos + 2, happened.length - 1) : undefined;
    const milestoneCount = Math.min(template.milestones.length, rng.int(3, 5));
    const milestones: Milestone[] = [];
    const wins: GoalPlan['wins'] = [];
    let lastDonePos = createdPos;
    let allDone = true;
    for (let k = 0; k < milestoneCount; k++) {
      const dueDay = createdDay + Math.round(((k + 1) * (targetDay - createdDay)) / milestoneCount);
      // Milestones are reached in order and before any drop.
      const donePos = allDone
        ? reachMilestone(rng, happened, slots, dueDay - rng.int(0, 21), lastDonePos + 1, dropPos ?? happened.length)
        : undefined;
      const milestone: Milestone = {
        id: rng.uuid(),
        title: fill(pair, template.milestones[k] as string),
        ...(rng.chance(0.9) ? { dueOn: isoDay(dueDay) } : {}),
      };
      if (donePos === undefined) allDone = false;
      else {
        lastDonePos = donePos;
        const slot = happened[donePos] as number;
        milestone.doneOn = isoDay((slots[slot] as Slot).day);
        wins.push({ slot, win: { goalId, milestoneId: milestone.id, text: `${milestone.title} ✅` } });
      }
      milestones.push(milestone);
    }

    const endPos = allDone ? lastDonePos : (dropPos ?? happened.length);
    const revisions: Goal['revisions'] = [];
    const revisionCount = endPos > createdPos + 3 ? rng.int(0, 3) : 0;
    const revisionPositions = Array.from({ length: revisionCount }, () => rng.int(createdPos + 1, endPos - 1)).sort(
      (a, b) => a - b,
    );
    for (const pos of revisionPositions) {
      const revision = rng.pick(REVISIONS);
      if (revision.change.startsWith('Target date')) targetDay += 91;
      revisions.push({ at: instant((slots[happened[pos] as number] as Slot).endMs + HOUR), ...revision });
    }

    const createdRecently = clock.todayDay - createdDay < 45;
    const status: Goal['status'] = allDone
      ? 'achieved'
      : dropPos !== undefined
        ? 'dropped'
        : createdRecently && rng.chance(0.5)
          ? 'proposed'
          : revisions.length > 0 && rng.chance(0.1)
            ? 'revised'
            : 'active';
    const title = fill(pair, template.title);
    const endSlot = happened[endPos];
    if (allDone && endSlot !== undefined)
      wins.push({ slot: endSlot, win: { goalId, text: `Goal achieved: ${title} 🎉` } });
    const lastChangeSlot = happened[Math.max(lastDonePos, dropPos ?? 0, revisionPositions.at(-1) ?? 0)];
    const changedMs = lastChangeSlot === undefined ? createdMs : (slots[lastChangeSlot] as Slot).endMs + HOUR;
    plans.push({
      template,
      from: createdSlot ?? 0,
      until: status === 'achieved' || status === 'dropped' ? (endSlot ?? slots.length) + 1 : slots.length,
      wins,
      goal: {
        id: goalId,
        relationshipId: pair.relationshipId,
        title,
        why: fill(pair, template.why),
        successCriteria: fill(pair, template.successCriteria),
        category: template.category,
        targetDate: isoDay(targetDay),
        status,
        milestones,
        revisions,
        ...stamps(pair, createdMs, changedMs),
      },
    });
  }
  return plans;
}

/**
 * Position in `happened` of the session where a milestone due around `day` is reached, within
 * [minPos, endPos), or `undefined`. A missed due date is often made up weeks or months later.
 */
function reachMilestone(
  rng: Random,
  happened: number[],
  slots: Slot[],
  day: number,
  minPos: number,
  endPos: number,
): number | undefined {
  let from = day;
  for (let attempt = 0; attempt < 3; attempt++) {
    let pos = minPos;
    while (pos < endPos && (slots[happened[pos] as number] as Slot).day < from) pos++;
    if (pos >= endPos) return undefined;
    if (rng.chance(0.7)) return pos;
    from = (slots[happened[pos] as number] as Slot).day + rng.int(14, 90);
  }
  return undefined;
}

// ---------------------------------------------------------------------------------------------------
// What happens in each session

function writeSessionContent(data: SampleData, pair: Pair, slots: Slot[], plans: GoalPlan[]): void {
  const { rng, clock } = pair;
  const happened = slots.flatMap((slot, index) => (slot.happened ? [index] : []));
  const nextSession = slots.find((slot) => slot.future)?.session;
  const wins = new Map<number, WinSeed[]>();
  for (const { slot, win } of plans.flatMap((plan) => plan.wins)) wins.set(slot, [...(wins.get(slot) ?? []), win]);
  let carry: AgendaItem[] = [];
  let carriedAtMs = 0;
  let heldSoFar = 0;
  let nextAnniversaryMs = pair.createdMs + 365 * DAY;
  let firstFuture = true;

  for (const [index, slot] of slots.entries()) {
    const { session } = slot;
    const goals = plans.filter((plan) => plan.from <= index && index < plan.until);
    const adHoc = session.eventId === undefined;

    let template: AgendaTemplateId | undefined;
    if (index === 0) template = 'first-session';
    else if (!adHoc && slot.startMs >= nextAnniversaryMs) {
      template = 'retrospective';
      nextAnniversaryMs += 365 * DAY;
    } else if (!adHoc && (heldSoFar + 1) % 13 === 0) template = 'goal-review';
    else if (!adHoc && (heldSoFar + 1) % 4 === 0) template = 'check-in';

    const fresh = adHoc
      ? rng.int(1, 2)
      : slot.happened
        ? rng.int(...FRESH_AGENDA)
        : slot.future
          ? firstFuture
            ? rng.int(1, 3)
            : rng.int(0, 1)
          : rng.int(1, 3);
    const items = agendaFor(pair, slot, goals, carry, carriedAtMs, fresh, template);
    data.agendaItems.push(...items);
    // Items roll forward once a session is over; later future sessions have nothing to inherit yet.
    carry = slot.future ? [] : items.filter((item) => !item.discussed);
    carriedAtMs = Math.min(slot.endMs, clock.nowMs);
    if (slot.future) firstFuture = false;

    if (!slot.happened) {
      if (!slot.future && rng.chance(0.3)) {
        data.notes.push(
          note(
            pair,
            session.id,
            'private',
            `Cancelled. ${fill(pair, rng.pick(CANCELLED_REASONS))}`,
            slot.startMs - DAY,
          ),
        );
      }
      continue;
    }
    heldSoFar++;
    const discussed = items.filter((item) => item.discussed);
    const noteCount = adHoc ? 1 : rng.int(...NOTES);
    const usedLines = new Set<string>();
    for (let n = 0; n < noteCount; n++) {
      // The first note is the private one; a second is often the summary both sides see.
      const visibility = rng.chance(n === 0 ? 0.1 : 0.5) ? 'shared' : 'private';
      const text = noteText(pair, goals, discussed, visibility, usedLines);
      data.notes.push(note(pair, session.id, visibility, text, slot.endMs));
    }
    for (const text of distinctTexts(pair, adHoc ? 1 : rng.int(...TAKEAWAYS), goals, 'takeaways', GENERIC_TAKEAWAYS)) {
      data.takeaways.push({
        id: rng.uuid(),
        sessionId: session.id,
        text: text.text,
        ...(text.goalId ? { goalId: text.goalId } : {}),
        ...stamps(pair, slot.endMs - 5 * MINUTE, slot.endMs),
      });
    }
    const actions = distinctTexts(pair, adHoc ? rng.int(0, 1) : rng.int(...ACTIONS), goals, 'actions', GENERIC_ACTIONS);
    const position = happened.indexOf(index);
    for (const text of actions) {
      data.actionItems.push(actionItem(pair, slots, happened, position, nextSession, text));
    }
    if (!adHoc && rng.chance(0.1)) {
      const from = rng.chance(0.5) ? 'me' : 'them';
      data.feedback.push({
        id: rng.uuid(),
        sessionId: session.id,
        from,
        ...rng.pick(FEEDBACK[from]),
        ...stamps(pair, slot.endMs + HOUR, slot.endMs + HOUR),
      });
    }
    if (template === 'check-in') {
      data.checkIns.push({
        id: rng.uuid(),
        relationshipId: pair.relationshipId,
        // Some pulse checks are written between sessions.
        ...(rng.chance(0.9) ? { sessionId: session.id } : {}),
        progress: rng.int(2, 5),
        dynamic: rng.int(3, 5),
        note: rng.pick(CHECK_IN_NOTES),
        ...stamps(pair, slot.endMs + 2 * HOUR, slot.endMs + 2 * HOUR),
      });
    }
    const seeds = [...(wins.get(index) ?? [])];
    if (rng.chance(0.02)) seeds.push({ text: fill(pair, rng.pick(FREE_WINS)) });
    for (const seed of seeds) {
      data.wins.push({
        id: rng.uuid(),
        relationshipId: pair.relationshipId,
        ...(seed.goalId ? { goalId: seed.goalId } : {}),
        ...(seed.milestoneId ? { milestoneId: seed.milestoneId } : {}),
        sessionId: session.id,
        text: seed.text,
        on: isoDay(slot.day),
        ...stamps(pair, slot.endMs, slot.endMs),
      });
    }
  }
}

function agendaFor(
  pair: Pair,
  slot: Slot,
  goals: GoalPlan[],
  carry: AgendaItem[],
  carriedAtMs: number,
  freshCount: number,
  template: AgendaTemplateId | undefined,
): AgendaItem[] {
  const { rng, archetype } = pair;
  const sessionId = slot.session.id;
  const items: AgendaItem[] = [];
  const discussedAtMs = slot.endMs;
  const itemStamps = (createdMs: number, discussed: boolean) =>
    stamps(pair, createdMs, discussed ? discussedAtMs : createdMs);
  const isDiscussed = () => slot.happened && rng.chance(0.85);
  // The mentee adds most items.
  const addedBy = (): AgendaItem['addedBy'] => (rng.chance(0.7) === (archetype.myRole === 'mentee') ? 'me' : 'them');

  for (const from of carry.slice(0, MAX_CARRIED)) {
    const discussed = isDiscussed();
    items.push({
      id: rng.uuid(),
      sessionId,
      text: from.text,
      addedBy: from.addedBy,
      ...(from.goalId ? { goalId: from.goalId } : {}),
      order: items.length + 1,
      discussed,
      origin: { kind: 'carried', fromSessionId: from.sessionId, fromItemId: from.id },
      carriedFrom: from.id,
      ...itemStamps(carriedAtMs, discussed),
    });
  }
  const taken = new Set(items.map((item) => item.text));
  let fromTemplate = 0;
  if (template) {
    // A template applied again after a cancelled session does not repeat what was carried.
    for (const text of TEMPLATE_TOPICS[template].slice(0, template === 'first-session' ? 5 : 2)) {
      if (taken.has(text)) continue;
      taken.add(text);
      fromTemplate++;
      const discussed = isDiscussed();
      items.push({
        id: rng.uuid(),
        sessionId,
        text,
        addedBy: addedBy(),
        order: items.length + 1,
        discussed,
        origin: { kind: 'template', template },
        ...itemStamps(slot.startMs - rng.int(2, 72) * HOUR, discussed),
      });
    }
  }
  const freshTexts = distinctTexts(
    pair,
    Math.max(0, freshCount - fromTemplate),
    goals,
    'topics',
    GENERIC_TOPICS,
    taken,
  );
  for (const text of freshTexts) {
    const discussed = isDiscussed();
    items.push({
      id: rng.uuid(),
      sessionId,
      text: text.text,
      addedBy: addedBy(),
      ...(text.goalId ? { goalId: text.goalId } : {}),
      order: items.length + 1,
      discussed,
      ...(rng.chance(0.2) ? { timeboxMinutes: rng.pick([5, 10, 15, 20, 30]) } : {}),
      origin: { kind: 'added' },
      ...itemStamps(slot.startMs - rng.int(1, 96) * HOUR, discussed),
    });
  }
  // Someone dragged the last item up between the first two: orders are fractional then.
  const last = items.at(-1);
  if (last && items.length >= 3 && rng.chance(0.1)) last.order = 1.5;
  return items;
}

interface Text {
  text: string;
  goalId?: string;
}

/** `count` texts, most about a current goal, none repeating one in `taken`. */
function distinctTexts(
  pair: Pair,
  count: number,
  goals: GoalPlan[],
  kind: 'topics' | 'actions' | 'takeaways',
  generic: readonly string[],
  taken = new Set<string>(),
): Text[] {
  const { rng } = pair;
  const texts: Text[] = [];
  // Bounded attempts: with a small pool, a shorter list is better than a repeated line.
  for (let attempt = 0; texts.length < count && attempt < count * 3; attempt++) {
    const plan = goals.length > 0 && rng.chance(0.6) ? rng.pick(goals) : undefined;
    const text = fill(pair, rng.pick(plan ? plan.template[kind] : generic));
    if (taken.has(text)) continue;
    taken.add(text);
    texts.push(plan ? { text, goalId: plan.goal.id } : { text });
  }
  return texts;
}

function actionItem(
  pair: Pair,
  slots: Slot[],
  happened: number[],
  position: number,
  nextSession: Session | undefined,
  text: Text,
): ActionItem {
  const { rng, archetype } = pair;
  const created = slots[happened[position] as number] as Slot;
  // Most are reviewed within three sessions; a few linger for months.
  const closePos = position + (rng.chance(0.1) ? rng.int(4, 12) : rng.int(1, 3));
  const closingIndex = happened[closePos];
  const closing = closingIndex === undefined ? undefined : slots[closingIndex];
  // The creating session is held, so there is a last held session.
  const lastHeld = slots[happened.at(-1) as number] as Slot;
  let outcome: Pick<ActionItem, 'status' | 'reviewSessionId' | 'closedInSessionId'>;
  let changedMs = created.endMs;
  if (closing) {
    const status = rng.chance(0.85) ? 'done' : 'dropped';
    outcome = { status, reviewSessionId: closing.session.id, closedInSessionId: closing.session.id };
    changedMs = closing.endMs;
  } else if (nextSession) {
    outcome = { status: 'open', reviewSessionId: nextSession.id };
  } else if (archetype.status === 'ended') {
    outcome = { status: 'dropped', reviewSessionId: lastHeld.session.id, closedInSessionId: lastHeld.session.id };
    changedMs = lastHeld.endMs;
  } else {
    // Paused: nothing to roll forward to; it waits at the last session.
    outcome = { status: 'open', reviewSessionId: lastHeld.session.id };
  }
  return {
    id: rng.uuid(),
    relationshipId: pair.relationshipId,
    text: text.text,
    owner: rng.chance(0.75) ? 'mentee' : 'mentor',
    ...(rng.chance(0.9) ? { dueOn: isoDay(created.day + rng.int(7, 21)) } : {}),
    ...(text.goalId ? { goalId: text.goalId } : {}),
    createdInSessionId: created.session.id,
    ...outcome,
    ...stamps(pair, created.endMs, changedMs),
  };
}

function note(pair: Pair, sessionId: string, visibility: Note['visibility'], text: string, atMs: number): Note {
  return {
    id: pair.rng.uuid(),
    sessionId,
    visibility,
    text,
    ...stamps(pair, atMs, atMs + pair.rng.int(1, 30) * MINUTE),
  };
}

/** A note in the voice of its author; `used` keeps the notes of one session from repeating each other. */
function noteText(
  pair: Pair,
  goals: GoalPlan[],
  discussed: AgendaItem[],
  visibility: Note['visibility'],
  used: Set<string>,
): string {
  const { rng, person } = pair;
  const fresh = (bank: readonly string[]): string => {
    let line = fill(pair, rng.pick(bank));
    for (let attempt = 0; used.has(line) && attempt < 3; attempt++) line = fill(pair, rng.pick(bank));
    used.add(line);
    return line;
  };
  const lines = [fresh(NOTE_OPENERS)];
  for (const plan of rng.sample(goals, rng.int(1, 2))) lines.push(fresh(plan.template.notes));
  for (const item of rng.sample(discussed, rng.int(0, 2))) lines.push(`On “${item.text}”: ${fresh(ITEM_REACTIONS)}`);
  if (visibility === 'shared') {
    lines.push('', 'Summary of what we covered:', ...discussed.slice(0, 5).map((item) => `- ${item.text}`));
  } else {
    lines.push(fresh(NOTE_REFLECTIONS));
  }
  const otherScript = OTHER_SCRIPT_LINES[person.name];
  if (otherScript && rng.chance(0.3)) lines.push(rng.pick(otherScript));
  lines.push(fresh(NOTE_CLOSERS));
  // Now and then someone pastes a long document: keeps views and search honest about big notes.
  if (rng.chance(0.005)) lines.push('', ...Array.from({ length: 250 }, () => fill(pair, rng.pick(NOTE_REFLECTIONS))));
  return lines.join('\n');
}

// ---------------------------------------------------------------------------------------------------
// Small helpers

function fill(pair: Pair, template: string): string {
  return template.replace(/\{(\w+)\}/g, (_, slot: string) => {
    if (slot === 'name') return pair.person.firstName;
    const values = SLOTS[slot];
    if (!values) throw new Error(`sample text names an unknown slot {${slot}}`);
    return pair.rng.pick(values);
  });
}

/** Creation and change times, never later than "now" and never out of order. */
function stamps(pair: Pair, createdMs: number, updatedMs: number): { createdAt: string; updatedAt: string } {
  const created = Math.min(createdMs, pair.clock.nowMs);
  return { createdAt: instant(created), updatedAt: instant(Math.min(Math.max(updatedMs, created), pair.clock.nowMs)) };
}

function dayNumber(date: string): number {
  const ms = Date.parse(`${date}T00:00:00Z`);
  if (!/^\d{4}-\d{2}-\d{2}$/.test(date) || Number.isNaN(ms) || isoDay(ms / DAY) !== date) {
    throw new RangeError(`today: expected YYYY-MM-DD, got ${date}`);
  }
  return ms / DAY;
}

function isoDay(day: number): string {
  return new Date(day * DAY).toISOString().slice(0, 10);
}

function instant(ms: number): string {
  return new Date(ms).toISOString();
}

/** `20261124T150000Z`: the basic UTC form Calendar appends to a series id for one occurrence. */
function basicUtc(ms: number): string {
  return `${instant(ms).replace(/[-:]/g, '').slice(0, 15)}Z`;
}

/** 0 = Sunday … 6 = Saturday; day 0 (1970-01-01) was a Thursday. */
function weekday(day: number): number {
  return (((day + 4) % 7) + 7) % 7;
}

function nextWorkday(day: number): number {
  const w = weekday(day);
  return w === 6 ? day + 2 : w === 0 ? day + 1 : day;
}

function addMonths(day: number, months: number): number {
  const date = new Date(day * DAY);
  return Date.UTC(date.getUTCFullYear(), date.getUTCMonth() + months, date.getUTCDate()) / DAY;
}

function firstOfMonth(day: number): number {
  const date = new Date(day * DAY);
  return Date.UTC(date.getUTCFullYear(), date.getUTCMonth(), 1) / DAY;
}

function firstMondayOfMonth(day: number): number {
  const first = firstOfMonth(day);
  return first + ((1 - weekday(first) + 7) % 7);
}
