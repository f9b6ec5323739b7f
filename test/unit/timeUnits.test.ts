import { strict as assert } from 'node:assert';
import * as l10n from '@vscode/l10n';
import { formatDuration } from '../../src/core/claims/time';

const SECOND = 1000;
const DAY = 86_400 * SECOND;

describe('durations in each unit', () => {
  afterEach(() => l10n.config({ contents: {} }));

  it('rounds down to one unit, from seconds to years', () => {
    assert.deepEqual(
      [5 * SECOND, 5 * 60 * SECOND, 5 * 3600 * SECOND, 5 * DAY, 90 * DAY, 3 * 365 * DAY].map(formatDuration),
      ['5 s', '5 min', '5 h', '5 d', '3 mo', '3 y'],
    );
  });

  it('takes each unit from the translation keyed by its abbreviation and translator comment (as in l10n/bundle.l10n.json)', () => {
    l10n.config({
      contents: {
        '{0} s/seconds, abbreviated': '{0} Sek.',
        '{0} min/minutes, abbreviated': '{0} Min.',
        '{0} h/hours, abbreviated': '{0} Std.',
        '{0} d/days, abbreviated': '{0} T.',
        '{0} mo/months, abbreviated': '{0} Mon.',
        '{0} y/years, abbreviated': '{0} J.',
      },
    });
    assert.deepEqual(
      [5 * SECOND, 5 * 60 * SECOND, 5 * 3600 * SECOND, 5 * DAY, 90 * DAY, 3 * 365 * DAY].map(formatDuration),
      ['5 Sek.', '5 Min.', '5 Std.', '5 T.', '3 Mon.', '3 J.'],
    );
  });
});
