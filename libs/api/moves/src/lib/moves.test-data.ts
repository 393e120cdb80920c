// Builders for unit specs: a realistic manifest (the shape buildBcm gives SAMPLE_BUSINESS_CONTEXT) to override per case.
import type { BcmIcp, BusinessContextManifest } from '@raptorflow/contracts';

export function makeIcp(overrides: Partial<BcmIcp> = {}): BcmIcp {
  return {
    id: 'primary',
    name: 'Finance controller at a growing SMB',
    segment: 'B2B',
    topPains: ['Spends days every month reconciling GST invoices by hand', 'Loses input tax credit to vendor filing mistakes', 'Fears GST notices and audits'],
    preferredChannels: ['referrals', 'linkedin', 'webinars'],
    priorityScore: 100,
    ...overrides,
  };
}

export function makeManifest(overrides: Partial<BusinessContextManifest> = {}): BusinessContextManifest {
  return {
    version: 1,
    sourceContextVersion: 1,
    schemaVersion: 1,
    generatedAt: '2026-01-01T00:00:00.000Z',
    checksum: '0'.repeat(64),
    identity: { company: 'Ledgerly Technologies', industry: 'fintech', stage: 'early-revenue' },
    offering: { product: 'Ledgerly', oneLiner: 'GST reconciliation on autopilot', problem: 'Manual GST reconciliation', outcomes: ['Close GST in a day'] },
    positioning: { statement: 'For finance teams…', target: 'finance teams', category: 'GST reconciliation platform', valueProposition: 'Closes GST books in a day', differentiators: [] },
    icps: [
      makeIcp(),
      makeIcp({ id: 'secondary-1', name: 'CA firm partner', segment: 'B2B2C', topPains: ['Staff time lost to reconciliation during filing season'], priorityScore: 86 }),
      makeIcp({ id: 'secondary-2', name: 'D2C founder', segment: 'B2C', topPains: ['Marketplace TCS and GST credits are confusing'], priorityScore: 81 }),
    ],
    competitors: [],
    messaging: { pillars: [], voice: ['Plain-spoken'] },
    channels: {
      active: [
        { channel: 'referrals', rating: 5 },
        { channel: 'linkedin', rating: 4 },
        { channel: 'webinars', rating: 3 },
        { channel: 'seo', rating: 2 },
      ],
      candidates: ['whatsapp', 'partnerships', 'youtube'],
    },
    goals: { primary: 'leads', target: 120, deadline: '2026-03-31' },
    constraints: { monthlyBudgetInr: 75000, hoursPerWeek: 12, piecesPerWeek: 3 },
    baseline: {},
    ...overrides,
  };
}
