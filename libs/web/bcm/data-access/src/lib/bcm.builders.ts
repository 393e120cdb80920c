import type { BcmResponse, BusinessContextManifest } from '@raptorflow/contracts';

/** A small but complete manifest for tests. */
export function makeManifest(overrides: Partial<BusinessContextManifest> = {}): BusinessContextManifest {
  return {
    identity: { company: 'Ledgerly Technologies', industry: 'fintech', stage: 'early-revenue' },
    offering: { product: 'Ledgerly', oneLiner: 'Bookkeeping on autopilot for Indian SMBs', problem: 'Month-end close takes days', outcomes: ['Close books in a day'] },
    positioning: {
      statement: 'For finance leads at Indian SMBs who lose days to month-end close, Ledgerly is the bookkeeping autopilot that closes books in a day.',
      target: 'finance leads at Indian SMBs',
      category: 'bookkeeping autopilot',
      valueProposition: 'closes books in a day',
      differentiators: ['GST-native reconciliation'],
    },
    icps: [
      { id: 'primary', name: 'SMB finance lead', segment: 'B2B', topPains: ['Manual reconciliation', 'GST filing errors', 'Late reports'], priorityScore: 100 },
      { id: 'secondary-1', name: 'CA firm partner', segment: 'B2B', topPains: ['Client chasing'], priorityScore: 70 },
    ],
    competitors: [{ name: 'Tally', type: 'direct', opening: 'Desktop-only' }],
    messaging: { pillars: ['Speed'], voice: ['Clear'] },
    channels: { active: [{ channel: 'linkedin', rating: 5 }] },
    goals: { primary: 'leads', target: 40 },
    constraints: { monthlyBudgetInr: 50000, hoursPerWeek: 10 },
    baseline: {},
    version: 3,
    sourceContextVersion: 2,
    schemaVersion: 1,
    generatedAt: '2026-11-20T10:00:00.000Z',
    checksum: 'abc123',
    ...overrides,
  };
}

/** A GET /context/bcm answer for tests. */
export function makeBcmResponse(overrides: Partial<BcmResponse> = {}): BcmResponse {
  return { manifest: makeManifest(), freshness: 'fresh', status: 'idle', lastError: null, contextVersion: 2, enrichment: null, enrichmentPending: false, ...overrides };
}
