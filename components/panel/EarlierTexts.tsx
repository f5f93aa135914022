import type { ReplacedText } from '../../lib/model/common';
import type { Relationship } from '../../lib/model/relationship';
import { dayLabel } from '../format';

/**
 * The texts a merge of the other person's edits replaced on an item, behind a disclosure, so
 * nothing either person wrote disappears without a trace.
 */
export function EarlierTexts({
  history,
  relationship,
}: {
  history: ReplacedText[] | undefined;
  relationship: Relationship;
}) {
  if (!history || history.length === 0) return null;
  return (
    <details class="earlier-texts">
      <summary class="small">edited — show earlier text{history.length === 1 ? '' : `s (${history.length})`}</summary>
      <ul class="plain small">
        {history.map((entry) => (
          <li key={`${entry.at}-${entry.replacedAt}`}>
            “{entry.text}”{' '}
            <span class="muted">
              — {entry.by === 'me' ? 'you' : relationship.other.name}, {dayLabel(entry.at)}
            </span>
          </li>
        ))}
      </ul>
    </details>
  );
}
