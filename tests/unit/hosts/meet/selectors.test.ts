import { beforeEach, describe, expect, it } from 'vitest';
import { findLeaveControl } from '../../../../lib/hosts/meet/selectors';

function page(html: string): void {
  const parsed = new DOMParser().parseFromString(html, 'text/html');
  document.body.replaceChildren(...parsed.body.childNodes);
}

beforeEach(() => page(''));

describe('findLeaveControl', () => {
  it('finds the leave button by its container (2026-06 structure)', () => {
    page(
      '<div data-should-confirm-hangup="false"><span><button aria-label="Leave call"><i>call_end</i></button></span></div>',
    );
    expect(findLeaveControl()?.getAttribute('aria-label')).toBe('Leave call');
  });

  it('finds it by its icon name when the container changed, in any UI language', () => {
    page('<button aria-label="Anruf verlassen"><i class="renamed">call_end</i></button><button><i>mic</i></button>');
    expect(findLeaveControl()?.getAttribute('aria-label')).toBe('Anruf verlassen');
  });

  it('is null in the lobby and on the "you left" screen', () => {
    page('<button>Join now</button><div data-call-ended="true"><button>Rejoin</button></div>');
    expect(findLeaveControl()).toBeNull();
  });
});
