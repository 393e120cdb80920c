import type { Campaign, Move } from '@raptorflow/contracts';

/** A move for tests. */
export function makeMove(overrides: Partial<Move> = {}): Move {
  return {
    id: 'm-1',
    week: '2026-11-23',
    title: 'Post a customer story on LinkedIn',
    icpId: 'primary',
    channel: 'linkedin',
    type: 'content',
    effortHours: 2,
    expectedOutcome: '5 qualified conversations',
    status: 'suggested',
    source: 'generated',
    suggestionKey: 'primary:linkedin:content',
    editedByUser: false,
    campaignId: null,
    scheduledFor: null,
    completedAt: null,
    createdAt: '2026-11-23T04:00:00.000Z',
    updatedAt: '2026-11-23T04:00:00.000Z',
    ...overrides,
  };
}

/** A campaign for tests. */
export function makeCampaign(overrides: Partial<Campaign> = {}): Campaign {
  return {
    id: 'c-1',
    name: 'Q1 leads push',
    icpId: 'primary',
    goal: 'leads',
    metric: 'Demo calls',
    target: 40,
    startDate: '2026-11-23',
    endDate: '2026-12-31',
    createdBy: 'u-1',
    createdAt: '2026-11-23T04:00:00.000Z',
    updatedAt: '2026-11-23T04:00:00.000Z',
    status: 'active',
    progress: 0.5,
    movesDone: 1,
    movesTotal: 2,
    ...overrides,
  };
}
