import { useEffect, useRef, useState } from 'preact/hooks';
import type { GoalInFocus } from '../../lib/db/views';
import type { AgendaItem } from '../../lib/model/agenda';
import type { Relationship } from '../../lib/model/relationship';
import type { SessionPanelModel } from '../../lib/models/session-panel';
import { dayLabel } from '../format';
import { StoredCheckbox } from '../StoredCheckbox';
import { EarlierTexts } from './EarlierTexts';

interface Props {
  model: SessionPanelModel;
  sessionId: string;
  items: AgendaItem[];
  goals: GoalInFocus[];
  relationship: Relationship;
  /**
   * `edit` for sessions ahead; `tick` for a past session not yet closed (mark what was discussed
   * before it is closed); `read` for held and cancelled sessions.
   */
  mode: 'edit' | 'tick' | 'read';
  /** An invitation shown with the add form ("come prepared"), and the goal it suggests. */
  invite?: { text: string; goalId: string | undefined } | undefined;
}

/** A session's agenda: tick, edit, link to a goal, time-box, reorder by keyboard or mouse, add. */
export function AgendaList({ model, sessionId, items, goals, relationship, mode, invite }: Props) {
  const readOnly = mode !== 'edit';
  const [editing, setEditing] = useState<string | null>(null);
  const [dragged, setDragged] = useState<string | null>(null);
  const [dropAt, setDropAt] = useState<number | null>(null);
  const list = useRef<HTMLOListElement>(null);
  const refocus = useRef<string | null>(null);

  // Reordering moves the row's DOM node, which drops focus: give it back to the moved row's handle.
  useEffect(() => {
    const id = refocus.current;
    if (!id) return;
    refocus.current = null;
    list.current?.querySelector<HTMLElement>(`[data-id="${CSS.escape(id)}"] .handle`)?.focus();
  }, [items]);

  const move = (item: AgendaItem, to: number): void => {
    const from = items.indexOf(item);
    const target = Math.max(0, Math.min(to, items.length - 1));
    if (target === from) return;
    refocus.current = item.id;
    void model.moveItem(item, target, items.length);
  };

  const onHandleKey = (event: KeyboardEvent, item: AgendaItem, index: number): void => {
    const to = { ArrowUp: index - 1, ArrowDown: index + 1, Home: 0, End: items.length - 1 }[event.key];
    if (to === undefined) return;
    event.preventDefault();
    move(item, to);
  };

  const drop = (event: DragEvent): void => {
    event.preventDefault();
    const item = items.find((candidate) => candidate.id === dragged);
    if (item && dropAt !== null) {
      // `dropAt` counts slots among all rows; moveAgendaItem counts among the other rows.
      const from = items.indexOf(item);
      move(item, dropAt > from ? dropAt - 1 : dropAt);
    }
    setDragged(null);
    setDropAt(null);
  };

  const planned = items.reduce((sum, item) => sum + (item.timeboxMinutes ?? 0), 0);
  const goalTitle = (id: string | undefined) => goals.find((g) => g.goal.id === id)?.goal.title;

  return (
    <section class="agenda" aria-labelledby="agenda-heading">
      <div class="section-head">
        <h2 id="agenda-heading">Agenda</h2>
        {planned > 0 && (
          <span class="muted small">
            {planned} of {relationship.agreement.sessionMinutes} min planned
          </span>
        )}
      </div>
      {items.length === 0 && readOnly && <p class="muted small">Nothing was on the agenda.</p>}
      {items.length > 0 && (
        <ol ref={list} class="agenda-items" onDragOver={(e) => e.preventDefault()} onDrop={drop}>
          {items.map((item, index) => (
            <li
              key={item.id}
              data-id={item.id}
              class={`agenda-item${item.discussed ? ' discussed' : ''}${dropAt === index && dragged ? ' drop-before' : ''}${dropAt === index + 1 && dragged && index === items.length - 1 ? ' drop-after' : ''}`}
              draggable={!readOnly && editing !== item.id}
              onDragStart={(e) => {
                e.dataTransfer?.setData('text/plain', item.text);
                setDragged(item.id);
              }}
              onDragOver={(e) => {
                e.preventDefault();
                const box = e.currentTarget.getBoundingClientRect();
                setDropAt(e.clientY > box.top + box.height / 2 ? index + 1 : index);
              }}
              onDragEnd={() => {
                setDragged(null);
                setDropAt(null);
              }}
            >
              {editing === item.id ? (
                <EditItem
                  item={item}
                  goals={goals}
                  onDone={() => setEditing(null)}
                  onSave={(changes) => model.editItem(item.id, changes)}
                />
              ) : (
                <>
                  <StoredCheckbox
                    checked={item.discussed}
                    disabled={mode === 'read'}
                    aria-label={`Discussed: ${item.text}`}
                    onChange={(discussed) => model.editItem(item.id, { discussed })}
                  />
                  <div class="item-body">
                    <span class="item-text">{item.text}</span>
                    <ItemMeta item={item} goalTitle={goalTitle(item.goalId)} relationship={relationship} />
                    <EarlierTexts history={item.history} relationship={relationship} />
                  </div>
                  {!readOnly && (
                    <div class="item-tools">
                      <button
                        type="button"
                        class="icon handle"
                        aria-label={`Reorder “${item.text}”, position ${index + 1} of ${items.length}`}
                        aria-describedby="reorder-help"
                        onKeyDown={(e) => onHandleKey(e, item, index)}
                      >
                        ⠿
                      </button>
                      <button
                        type="button"
                        class="icon"
                        aria-label={`Edit “${item.text}”`}
                        onClick={() => setEditing(item.id)}
                      >
                        ✎
                      </button>
                      <button
                        type="button"
                        class="icon"
                        aria-label={`Remove “${item.text}”`}
                        onClick={() => void model.removeItem(item)}
                      >
                        ×
                      </button>
                    </div>
                  )}
                </>
              )}
            </li>
          ))}
        </ol>
      )}
      <p id="reorder-help" class="visually-hidden">
        Use the arrow keys to move the item up or down, Home and End to move it to the top or bottom. Or drag it with
        the mouse.
      </p>
      {!readOnly && (
        <div class={invite ? 'invite' : undefined}>
          {invite && <p class="invite-text">{invite.text}</p>}
          <AddItem model={model} sessionId={sessionId} goals={goals} defaultGoalId={invite?.goalId} />
        </div>
      )}
    </section>
  );
}

function ItemMeta({
  item,
  goalTitle,
  relationship,
}: {
  item: AgendaItem;
  goalTitle: string | undefined;
  relationship: Relationship;
}) {
  const parts: string[] = [];
  if (goalTitle) parts.push(`Goal: ${goalTitle}`);
  if (item.timeboxMinutes) parts.push(`${item.timeboxMinutes} min`);
  if (item.addedBy === 'them') parts.push(`from ${relationship.other.name}`);
  if (item.origin.kind === 'carried')
    parts.push(`carried over${item.createdAt ? ` on ${dayLabel(item.createdAt)}` : ''}`);
  if (item.origin.kind === 'template') parts.push('from a template');
  if (parts.length === 0) return null;
  return <span class="item-meta">{parts.join(' · ')}</span>;
}

/** Reads the goal and time-box fields shared by the add and edit forms. */
function GoalAndTimebox({
  goals,
  goalId,
  timebox,
  onGoal,
  onTimebox,
  idPrefix,
}: {
  goals: GoalInFocus[];
  goalId: string;
  timebox: string;
  onGoal: (id: string) => void;
  onTimebox: (minutes: string) => void;
  idPrefix: string;
}) {
  return (
    <div class="row">
      {goals.length > 0 && (
        <label class="field" for={`${idPrefix}-goal`}>
          <span>Goal</span>
          <select id={`${idPrefix}-goal`} value={goalId} onChange={(e) => onGoal(e.currentTarget.value)}>
            <option value="">No goal</option>
            {goals.map(({ goal }) => (
              <option key={goal.id} value={goal.id}>
                {goal.title}
              </option>
            ))}
          </select>
        </label>
      )}
      <label class="field narrow" for={`${idPrefix}-timebox`}>
        <span>Minutes</span>
        <input
          id={`${idPrefix}-timebox`}
          type="number"
          min={1}
          max={480}
          inputMode="numeric"
          value={timebox}
          onInput={(e) => onTimebox(e.currentTarget.value)}
        />
      </label>
    </div>
  );
}

function timeboxOf(value: string): number | undefined {
  const minutes = Number(value);
  return value.trim() === '' || !Number.isFinite(minutes) ? undefined : minutes;
}

function AddItem({
  model,
  sessionId,
  goals,
  defaultGoalId,
}: {
  model: SessionPanelModel;
  sessionId: string;
  goals: GoalInFocus[];
  defaultGoalId: string | undefined;
}) {
  const [text, setText] = useState('');
  const [goalId, setGoalId] = useState(defaultGoalId ?? '');
  const [timebox, setTimebox] = useState('');
  const [details, setDetails] = useState(false);
  // A goal added while the form is open becomes the suggestion, unless one was picked already.
  useEffect(() => {
    if (defaultGoalId) setGoalId((picked) => picked || defaultGoalId);
  }, [defaultGoalId]);

  const submit = async (event: Event): Promise<void> => {
    event.preventDefault();
    if (text.trim() === '') return;
    const timeboxMinutes = timeboxOf(timebox);
    const added = await model.addItem(sessionId, {
      text,
      addedBy: 'me',
      ...(goalId ? { goalId } : {}),
      ...(timeboxMinutes !== undefined ? { timeboxMinutes } : {}),
    });
    // A failed save keeps what was typed.
    if (added) {
      setText('');
      setTimebox('');
    }
  };

  return (
    <form class="add-item" onSubmit={submit}>
      <div class="row">
        <label class="visually-hidden" for="new-agenda-item">
          New agenda item
        </label>
        <input
          id="new-agenda-item"
          value={text}
          maxLength={500}
          placeholder="Add a question or topic"
          onInput={(e) => setText(e.currentTarget.value)}
        />
        <button type="submit" class="primary" disabled={text.trim() === ''}>
          Add
        </button>
      </div>
      {details || defaultGoalId ? (
        <GoalAndTimebox
          goals={goals}
          goalId={goalId}
          timebox={timebox}
          onGoal={setGoalId}
          onTimebox={setTimebox}
          idPrefix="new-item"
        />
      ) : (
        <button type="button" class="link small" onClick={() => setDetails(true)}>
          Link a goal or set a time box
        </button>
      )}
    </form>
  );
}

function EditItem({
  item,
  goals,
  onSave,
  onDone,
}: {
  item: AgendaItem;
  goals: GoalInFocus[];
  onSave: (changes: Partial<Pick<AgendaItem, 'text' | 'goalId' | 'timeboxMinutes'>>) => Promise<boolean>;
  onDone: () => void;
}) {
  const [text, setText] = useState(item.text);
  const [goalId, setGoalId] = useState(item.goalId ?? '');
  const [timebox, setTimebox] = useState(item.timeboxMinutes?.toString() ?? '');
  const input = useRef<HTMLInputElement>(null);
  useEffect(() => input.current?.focus(), []);

  const submit = async (event: Event): Promise<void> => {
    event.preventDefault();
    const saved = await onSave({
      text: text.trim(),
      goalId: goalId || undefined,
      timeboxMinutes: timeboxOf(timebox),
    });
    if (saved) onDone();
  };

  return (
    <form
      class="edit-item"
      onSubmit={submit}
      onKeyDown={(e) => {
        if (e.key === 'Escape') {
          e.preventDefault();
          onDone();
        }
      }}
    >
      <label class="field" for={`edit-${item.id}`}>
        <span>Agenda item</span>
        <input
          id={`edit-${item.id}`}
          ref={input}
          value={text}
          maxLength={500}
          onInput={(e) => setText(e.currentTarget.value)}
        />
      </label>
      <GoalAndTimebox
        goals={goals}
        goalId={goalId}
        timebox={timebox}
        onGoal={setGoalId}
        onTimebox={setTimebox}
        idPrefix={`edit-${item.id}`}
      />
      <div class="actions">
        <button type="submit" class="primary">
          Save
        </button>
        <button type="button" onClick={onDone}>
          Cancel
        </button>
      </div>
    </form>
  );
}
