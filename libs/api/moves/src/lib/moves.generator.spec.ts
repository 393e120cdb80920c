import { CHANNEL_OPTIONS, MOVE_LIMITS } from '@raptorflow/contracts';
import { CHANNEL_PLAYS, DEFAULT_HOURS_PER_WEEK, MAX_MOVES_PER_WEEK, suggestMoves } from './moves.generator';
import { makeIcp, makeManifest } from './moves.test-data';

const WEEK = '2026-01-05';
const hours = (moves: { effortHours: number }[]) => moves.reduce((sum, m) => sum + m.effortHours, 0);

describe('suggestMoves', () => {
  it('ranks profile x channel pairs and fills the week within hours and content pieces', () => {
    const moves = suggestMoves(makeManifest(), WEEK);
    expect(moves.map((m) => m.suggestionKey)).toEqual([
      'primary:referrals:outreach',
      'primary:linkedin:content',
      'secondary-1:referrals:outreach',
      'secondary-2:referrals:outreach',
      'primary:webinars:content',
      'secondary-1:linkedin:content',
    ]);
    expect(hours(moves)).toBe(11);
    expect(moves.filter((m) => m.type === 'content')).toHaveLength(3);
    expect(moves.every((m) => m.week === WEEK)).toBe(true);
  });

  it('is deterministic: same input, same output; keys are unique', () => {
    const a = suggestMoves(makeManifest(), WEEK);
    expect(suggestMoves(makeManifest(), WEEK)).toEqual(a);
    expect(new Set(a.map((m) => m.suggestionKey)).size).toBe(a.length);
  });

  it('keeps keys across weeks while rotating the pain a title is about', () => {
    const [thisWeek, nextWeek] = [suggestMoves(makeManifest(), WEEK), suggestMoves(makeManifest(), '2026-01-12')];
    expect(nextWeek.map((m) => m.suggestionKey)).toEqual(thisWeek.map((m) => m.suggestionKey));
    expect(nextWeek[0].title).not.toBe(thisWeek[0].title);
  });

  it.each([
    ['the manifest budget', { monthlyBudgetInr: 0, hoursPerWeek: 3 }, 3],
    ['a budget too small for any move', { monthlyBudgetInr: 0, hoursPerWeek: 0.5 }, 0.5],
    ['no budget (default)', { monthlyBudgetInr: 0, hoursPerWeek: 0 }, DEFAULT_HOURS_PER_WEEK],
    ['a huge budget (capped by count)', { monthlyBudgetInr: 0, hoursPerWeek: 80 }, 80],
  ])('stays within %s', (_, constraints, budget) => {
    const moves = suggestMoves(makeManifest({ constraints }), WEEK);
    expect(hours(moves)).toBeLessThanOrEqual(budget);
    expect(moves.length).toBeLessThanOrEqual(MAX_MOVES_PER_WEEK);
  });

  it('with a 3-hour week picks the highest priorities that fit, skipping one too big', () => {
    const moves = suggestMoves(makeManifest({ constraints: { monthlyBudgetInr: 0, hoursPerWeek: 3 } }), WEEK);
    expect(moves.map((m) => m.suggestionKey)).toEqual(['primary:referrals:outreach', 'primary:linkedin:content']);
  });

  it('without a pieces limit, content is bound only by hours and count', () => {
    const moves = suggestMoves(makeManifest({ constraints: { monthlyBudgetInr: 0, hoursPerWeek: 40 } }), WEEK);
    expect(moves).toHaveLength(MAX_MOVES_PER_WEEK);
    expect(moves.filter((m) => m.type === 'content').length).toBeGreaterThan(3);
  });

  it.each([
    ['a higher-priority secondary profile outranks a lower one', [makeIcp(), makeIcp({ id: 'secondary-1', priorityScore: 50 }), makeIcp({ id: 'secondary-2', priorityScore: 90 })], ['primary', 'secondary-2']],
    ['equal priorities keep manifest order', [makeIcp({ id: 'a', priorityScore: 70 }), makeIcp({ id: 'b', priorityScore: 70 })], ['a', 'b']],
  ])('%s', (_, icps, expectedOrder) => {
    const manifest = makeManifest({ icps, channels: { active: [{ channel: 'referrals', rating: 5 }] } });
    expect(suggestMoves(manifest, WEEK).map((m) => m.icpId).slice(0, expectedOrder.length)).toEqual(expectedOrder);
  });

  it('falls back to candidate channels when none are in use', () => {
    const manifest = makeManifest({ channels: { active: [], candidates: ['whatsapp'] } });
    expect(suggestMoves(manifest, WEEK).map((m) => m.channel)).toEqual(['whatsapp', 'whatsapp', 'whatsapp']);
  });

  it('fills titles and outcomes from the profile, a pain, the channel and the goal, within limits', () => {
    const [first] = suggestMoves(makeManifest(), WEEK);
    expect(first.title).toContain('Finance controller at a growing SMB');
    expect(first.expectedOutcome).toBe('New leads from Finance controller at a growing SMB on Referrals, toward the goal of 120 leads.');
    const long = makeIcp({ name: 'N'.repeat(80), topPains: [`${'word '.repeat(40)}end`] });
    const [clipped] = suggestMoves(makeManifest({ icps: [long] }), WEEK);
    expect(clipped.title.length).toBeLessThanOrEqual(MOVE_LIMITS.title);
    expect(clipped.title).toContain('…');
  });

  it('rejects a week that is not a Monday', () => {
    expect(() => suggestMoves(makeManifest(), '2026-01-06')).toThrow(RangeError);
  });
});

describe('CHANNEL_PLAYS', () => {
  it.each([
    ['linkedin', 'content'],
    ['cold-outreach', 'outreach'],
    ['partnerships', 'partnership'],
    ['paid-search', 'ads'],
    ['communities', 'community'],
    ['product-led', 'product'],
  ] as const)('%s moves are %s', (channel, type) => {
    expect(CHANNEL_PLAYS[channel].type).toBe(type);
  });

  it('covers every channel with a bounded effort', () => {
    for (const { value } of CHANNEL_OPTIONS) {
      expect(CHANNEL_PLAYS[value].effortHours).toBeGreaterThan(0);
      expect(CHANNEL_PLAYS[value].effortHours).toBeLessThanOrEqual(MOVE_LIMITS.maxEffortHours);
    }
  });
});
