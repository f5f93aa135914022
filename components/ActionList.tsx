import type { ActionItem } from '../lib/model/outcome';
import type { Relationship } from '../lib/model/relationship';
import { dayLabel, ownerName } from './format';
import { StoredCheckbox } from './StoredCheckbox';

/** "overdue since 20 Nov", "due today", "due 27 Nov", or nothing for an item without a date. */
export function dueLabel(item: ActionItem, today: string): string {
  if (!item.dueOn) return '';
  if (item.dueOn < today) return `overdue since ${dayLabel(item.dueOn)}`;
  if (item.dueOn === today) return 'due today';
  return `due ${dayLabel(item.dueOn)}`;
}

/**
 * Open action items grouped by who owns them ("You", then the other person), each ticked off with
 * its checkbox.
 */
export function ActionList({
  items,
  relationship,
  today,
  onTick,
}: {
  items: readonly ActionItem[];
  relationship: Relationship;
  today: string;
  onTick: (item: ActionItem) => Promise<boolean>;
}) {
  const mine = items.filter((item) => item.owner === relationship.myRole);
  const theirs = items.filter((item) => item.owner !== relationship.myRole);
  return (
    <>
      {[mine, theirs].map((group) => {
        const first = group[0];
        if (!first) return null;
        const owner = ownerName(first.owner, relationship);
        return (
          <div key={first.owner} class="owner-group">
            <h4>{owner}</h4>
            <ul class="plain">
              {group.map((item) => {
                const due = dueLabel(item, today);
                return (
                  <li key={item.id}>
                    <label class="check">
                      <StoredCheckbox checked={false} onChange={() => onTick(item)} />
                      <span>
                        <span class="visually-hidden">Done: </span>
                        {item.text}
                        {due && (
                          <span class={`meta${item.dueOn && item.dueOn < today ? ' overdue' : ''}`}> · {due}</span>
                        )}
                      </span>
                    </label>
                  </li>
                );
              })}
            </ul>
          </div>
        );
      })}
    </>
  );
}
