import { DEFAULT_SETTINGS, readSettings, settingsOf } from '../../src/engine/settings';
import { SCORERS } from '../../src/engine/score';
import { CHECKS } from '../../src/engine/analyze';

describe('settings are validated once, at the boundary', () => {
  test('settings readSettings returned pass through the engine as they are (same object, no second parse)', () => {
    const { settings } = readSettings({ scorePlaces: 3 });
    expect(settingsOf(settings).settings).toBe(settings);
    expect(settingsOf(undefined).settings).toBe(DEFAULT_SETTINGS);
  });

  test('anything else is validated: a bad field falls back to its default and is listed', () => {
    const raw = { scorePlaces: 'two', rateFormat: '0.0%' };
    const { settings, issues } = settingsOf(raw);
    expect(settings).not.toBe(raw);
    expect(settings.scorePlaces).toBe(2);
    expect(settings.rateFormat).toBe('0.0%');
    expect(issues.map((i) => i.path)).toEqual(['scorePlaces']);
    // A copy of valid settings is validated again: only objects the engine produced are trusted.
    const copy = { ...readSettings({}).settings };
    expect(settingsOf(copy).settings).not.toBe(copy);
  });
});

test('scorers are registered like checks: one list, each named', () => {
  expect(SCORERS.map((s) => s.name)).toEqual(['indicator-scores', 'self-evaluation-scores']);
  expect(CHECKS.length).toBeGreaterThan(0);
});
