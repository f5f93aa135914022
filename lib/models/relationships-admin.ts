import { computed, type ReadonlySignal, signal } from '@preact/signals';
import { type LiveState, liveSignal } from '../db/live';
import { allRelationships, createRelationship, setRelationshipStatus } from '../db/relationships';
import {
  deleteRelationship,
  type Footprint,
  footprintOf,
  type RemovedRelationship,
  relationshipFootprint,
  restoreRelationship,
} from '../db/removal';
import type { Agreement, Relationship } from '../model/relationship';
import type { OptionsPart } from '../session-url';
import type { CadenceChoice } from './editor-drafts';
import { DEFAULT_AGREEMENT, type RelationshipDraft, validateAgreement, validateRelationship } from './editor-drafts';
import { explain } from './explain';
import { createForm, type Form, type Validation } from './form';
import { attempter, type Notice } from './notice';

/** How long a deleted relationship can be brought back. */
export const UNDO_DELETE_MS = 2 * 60_000;

/** A new relationship: who, your role, since when, and the rhythm to start with (the rest later). */
export interface NewRelationshipDraft extends RelationshipDraft {
  cadence: CadenceChoice;
  rrule: string;
  sessionMinutes: string;
}

export interface RelationshipsModel {
  /** The user's day the page works with (new relationships start on it; past dates are judged by it). */
  today: string;
  list: ReadonlySignal<LiveState<Relationship[]>>;
  /** The relationship the page shows, from the address (`#relationship=<id>&part=agreement`). */
  selectedId: ReadonlySignal<string | null>;
  part: ReadonlySignal<OptionsPart | null>;
  notice: ReadonlySignal<Notice | null>;
  /** A relationship waiting for "delete?" to be confirmed, with what deleting it would remove. */
  confirming: ReadonlySignal<{ relationship: Relationship; footprint: Footprint } | null>;
  createForm: Form<NewRelationshipDraft>;
  /** Follows the address's fragment (on load and on every `hashchange`). */
  navigate(hash: string): void;
  setStatus(relationship: Relationship, status: Relationship['status']): Promise<boolean>;
  askDelete(relationship: Relationship): Promise<void>;
  cancelDelete(): void;
  confirmDelete(): Promise<boolean>;
  dismissNotice(): void;
  dispose(): void;
}

const PARTS: readonly OptionsPart[] = ['agreement', 'goals', 'check-in', 'actions'];

/**
 * The relationships on the options page: the list, which one is open, creating, pausing, ending
 * and deleting. Deleting asks first, then removes everything that belonged to the relationship in
 * one transaction and offers Undo for `UNDO_DELETE_MS`: the removed records are kept in memory that
 * long and put back, same ids and all, in one transaction (lib/db/removal.ts). `go` moves the
 * page's address (a new relationship opens at its agreement).
 */
export function createRelationshipsModel(today: string, go: (hash: string) => void): RelationshipsModel {
  const live = liveSignal(allRelationships);
  const route = signal<{ id: string | null; part: OptionsPart | null }>({ id: null, part: null });
  const notice = signal<Notice | null>(null);
  const confirming = signal<{ relationship: Relationship; footprint: Footprint } | null>(null);
  let undoTimer: ReturnType<typeof setTimeout> | undefined;

  const show = (next: Notice | null): void => {
    clearTimeout(undoTimer);
    notice.value = next;
  };
  const attempt = attempter(notice);

  const creation = createForm<NewRelationshipDraft, Parameters<typeof createRelationship>[0]>({
    initial: {
      name: '',
      email: '',
      myRole: 'mentee',
      startedOn: today,
      cadence: 'biweekly',
      rrule: '',
      sessionMinutes: '45',
    },
    validate: (draft) => validateNewRelationship(draft, today),
    save: async (input) => {
      const created = await createRelationship(input);
      go(`relationship=${created.id}&part=agreement`);
    },
    what: 'create the relationship',
    resetOnSave: true,
  });

  return {
    today,
    list: live.state,
    selectedId: computed(() => route.value.id),
    part: computed(() => route.value.part),
    notice,
    confirming,
    createForm: creation,
    navigate(hash) {
      const params = new URLSearchParams(hash.replace(/^#/, ''));
      const part = params.get('part') as OptionsPart | null;
      route.value = { id: params.get('relationship'), part: part && PARTS.includes(part) ? part : null };
    },
    setStatus: (relationship, status) =>
      attempt(`mark the relationship ${status}`, () => setRelationshipStatus(relationship.id, status, today)),
    async askDelete(relationship) {
      try {
        confirming.value = { relationship, footprint: await relationshipFootprint(relationship.id) };
      } catch (error) {
        show({ kind: 'problem', text: `Could not prepare the deletion: ${explain(error)}` });
      }
    },
    cancelDelete() {
      confirming.value = null;
    },
    async confirmDelete() {
      const pending = confirming.value;
      if (!pending) return false;
      const { relationship } = pending;
      let removed: RemovedRelationship | undefined;
      const done = await attempt('delete the relationship', async () => {
        removed = await deleteRelationship(relationship.id);
      });
      confirming.value = null;
      if (!done || !removed) return false;
      const snapshot = removed;
      if (route.value.id === relationship.id) go('');
      const name = relationship.other.name;
      show({
        kind: 'undo',
        // What was removed, which may differ from what was asked about if another tab changed it since.
        text: `Deleted ${name}: ${describeFootprint(footprintOf(snapshot.records))}. You can undo this for ${UNDO_DELETE_MS / 60_000} minutes.`,
        undo: async () => {
          if (await attempt('bring it back', () => restoreRelationship(snapshot))) {
            show({ kind: 'info', text: `${name} is back, with everything that was recorded.` });
            go(`relationship=${relationship.id}`);
          }
        },
      });
      // After the window the snapshot is let go: the deletion is final.
      undoTimer = setTimeout(() => {
        if (notice.value?.kind === 'undo') notice.value = null;
      }, UNDO_DELETE_MS);
      return true;
    },
    dismissNotice: () => show(null),
    dispose() {
      clearTimeout(undoTimer);
      live.dispose();
    },
  };
}

/** "3 goals, 120 sessions and 812 notes, agenda items and other entries". */
export function describeFootprint(footprint: Footprint): string {
  const count = (n: number, one: string, many: string) => `${n} ${n === 1 ? one : many}`;
  return `${count(footprint.goals, 'goal', 'goals')}, ${count(footprint.sessions, 'session', 'sessions')} and ${count(
    footprint.entries,
    'note, agenda item or other entry',
    'notes, agenda items and other entries',
  )}`;
}

/** A new relationship: the details, and an agreement that starts from the defaults with the chosen rhythm. */
export function validateNewRelationship(
  draft: NewRelationshipDraft,
  today: string,
): Validation<{
  myRole: Relationship['myRole'];
  other: Relationship['other'];
  startedOn: string;
  agreement: Agreement;
}> {
  const details = validateRelationship(draft);
  const agreement = validateAgreement(
    { ...DEFAULT_AGREEMENT, cadence: draft.cadence, rrule: draft.rrule, sessionMinutes: draft.sessionMinutes },
    today,
  );
  if (!details.success || !agreement.success) {
    return {
      success: false,
      error: {
        issues: [
          ...(details.success ? [] : details.error.issues),
          ...(agreement.success ? [] : agreement.error.issues),
        ],
      },
    };
  }
  return { success: true, data: { ...details.data, agreement: agreement.data } };
}
