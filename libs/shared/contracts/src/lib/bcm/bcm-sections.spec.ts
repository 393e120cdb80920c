import type { BcmContent } from './bcm.contracts';
import { bcmDiff, bcmMarkdown, bcmSections } from './bcm-sections';

const CONTENT: BcmContent = {
  identity: { company: 'Ledgerly', industry: 'fintech', stage: 'early-revenue', country: 'India' },
  offering: { product: 'Ledgerly', oneLiner: 'Bookkeeping on autopilot', problem: 'Month-end close takes days', outcomes: ['Close books in a day', 'No GST errors'] },
  positioning: { statement: 'For finance leads who lose days, Ledgerly is the autopilot that closes books in a day.', target: 'finance leads', category: 'autopilot', valueProposition: 'closes books in a day', differentiators: ['GST-native'] },
  icps: [{ id: 'primary', name: 'SMB finance lead', segment: 'B2B', topPains: ['Manual reconciliation'], preferredChannels: ['linkedin', 'email'], priorityScore: 100 }],
  competitors: [{ name: 'Tally', type: 'direct', opening: 'Desktop-only' }],
  messaging: { pillars: ['Speed'], voice: ['Clear', 'Warm'] },
  channels: { active: [{ channel: 'linkedin', rating: 5 }], candidates: ['seo'] },
  goals: { primary: 'revenue', target: 1234567, deadline: '2027-03-01' },
  constraints: { monthlyBudgetInr: 50000, hoursPerWeek: 10 },
  baseline: { leadsPerMonth: 12, conversionRate: 2.5, mrrInr: 123456 },
};

const value = (sections: ReturnType<typeof bcmSections>, id: string, label: string) => sections.find((s) => s.id === id)?.rows.find((r) => r.label === label)?.value;

describe('bcmSections', () => {
  it('covers every part of the manifest, each with the wizard step behind it', () => {
    const sections = bcmSections(CONTENT);
    expect(sections.map((s) => [s.id, s.editStep])).toEqual([
      ['identity', 'company'],
      ['offering', 'offering'],
      ['positioning', 'positioning'],
      ['icps', 'icp_primary'],
      ['competitors', 'competitors'],
      ['messaging', 'messaging'],
      ['channels', 'channels'],
      ['goals', 'goals'],
      ['constraints', 'resources'],
      ['baseline', 'metrics'],
    ]);
    expect(sections.map((s) => s.id).sort()).toEqual(Object.keys(CONTENT).sort());
  });

  it('shows labels instead of stored values, rupees with Indian grouping and dates as DD/MM/YYYY', () => {
    const sections = bcmSections(CONTENT);
    expect(value(sections, 'identity', 'Industry')).toBe('Fintech');
    expect(value(sections, 'icps', 'SMB finance lead: channels')).toBe('LinkedIn, Email newsletter');
    expect(value(sections, 'goals', 'Target')).toBe('₹12,34,567');
    expect(value(sections, 'goals', 'Deadline')).toBe('01/03/2027');
    expect(value(sections, 'constraints', 'Monthly budget')).toBe('₹50,000');
    expect(value(sections, 'baseline', 'Conversion rate')).toBe('2.5%');
    expect(value(sections, 'competitors', 'Tally')).toBe('Direct; our opening: Desktop-only');
  });

  it('leaves out what was not answered', () => {
    const labels = bcmSections(CONTENT).find((s) => s.id === 'baseline')?.rows.map((r) => r.label);
    expect(labels).toEqual(['Leads per month', 'Conversion rate', 'Monthly recurring revenue']);
  });
});

describe('bcmMarkdown', () => {
  it('writes one heading per section and one bullet per answer', () => {
    const markdown = bcmMarkdown({ ...CONTENT, version: 2, generatedAt: '2026-11-25T09:00:00Z' });
    expect(markdown.startsWith('# Ledgerly: Business Context Manifest v2\n\nGenerated 25/11/2026.\n')).toBe(true);
    expect(markdown).toContain('## Positioning\n\n- **Statement:** For finance leads who lose days');
    expect(markdown.match(/^## /gm)).toHaveLength(10);
  });
});

describe('bcmDiff', () => {
  it('lists the fields that changed, were added or were removed', () => {
    const after: BcmContent = {
      ...CONTENT,
      offering: { ...CONTENT.offering, oneLiner: 'Books closed in a day' },
      identity: { ...CONTENT.identity, website: 'https://ledgerly.in', country: undefined },
    };
    expect(bcmDiff(CONTENT, after)).toEqual([
      { section: 'Identity', label: 'Country', before: 'India', after: '' },
      { section: 'Identity', label: 'Website', before: '', after: 'https://ledgerly.in' },
      { section: 'Offering', label: 'One-liner', before: 'Bookkeeping on autopilot', after: 'Books closed in a day' },
    ]);
  });

  it('is empty for equal content', () => {
    expect(bcmDiff(CONTENT, JSON.parse(JSON.stringify(CONTENT)))).toEqual([]);
  });
});
