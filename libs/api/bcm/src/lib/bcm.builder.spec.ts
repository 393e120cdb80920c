import { BCM_SCHEMA_VERSION, BusinessContextData, IcpPainsAnswers, IcpProfileAnswers, validateBusinessContext } from '@raptorflow/contracts';
import { BCM_LIST_CAPS, BCM_MAX_BYTES, bcmByteSize, buildBcm, icpCompleteness, trimAtWord, uniqueTexts } from './bcm.builder';
import { bcmChecksum } from './bcm.checksum';
import { STAMP, maximalContext, sampleContext } from './bcm.test-data';

const withContext = (change: (context: BusinessContextData) => void): BusinessContextData => {
  const context = sampleContext();
  change(context);
  return context;
};

describe('trimAtWord', () => {
  it.each([
    ['short text unchanged', 'Close the books', 20, 'Close the books'],
    ['exact fit unchanged', 'abc def', 7, 'abc def'],
    ['collapses whitespace', '  Close   the\n books ', 20, 'Close the books'],
    ['cuts at the last word boundary', 'Close the books in a day', 15, 'Close the…'],
    ['keeps a word that ends right at the limit', 'Close the books in a day', 16, 'Close the books…'],
    ['drops trailing punctuation before the ellipsis', 'Fast, simple, cheap tooling', 15, 'Fast, simple…'],
    ['cuts inside one very long word', 'Supercalifragilistic', 10, 'Supercali…'],
    ['counts code points, not UTF-16 units', '😀😀😀 😀😀😀', 5, '😀😀😀…'],
  ])('%s', (_case, input, max, expected) => {
    const result = trimAtWord(input, max);
    expect(result).toBe(expected);
    expect(Array.from(result).length).toBeLessThanOrEqual(max);
  });
});

describe('uniqueTexts', () => {
  it.each([
    ['drops case-insensitive duplicates, keeping the first', ['LinkedIn posts', 'linkedin  posts', 'Webinars'], 5, ['LinkedIn posts', 'Webinars']],
    ['drops blanks', ['', '  ', 'Webinars'], 5, ['Webinars']],
    ['caps after de-duplication', ['a', 'A', 'b', 'c', 'd'], 3, ['a', 'b', 'c']],
  ])('%s', (_case, input, cap, expected) => {
    expect(uniqueTexts(input, cap, 100)).toEqual(expected);
  });
});

describe('buildBcm', () => {
  it('summarizes the sample context', () => {
    const manifest = buildBcm(sampleContext(), STAMP);
    expect(manifest).toMatchObject({
      version: 4,
      sourceContextVersion: 7,
      schemaVersion: BCM_SCHEMA_VERSION,
      generatedAt: STAMP.generatedAt,
      identity: { company: 'Ledgerly Technologies', industry: 'fintech', stage: 'early-revenue', website: 'https://ledgerly.in' },
      offering: { product: 'Ledgerly', pricingModel: 'subscription', relativePrice: 'mid' },
      competitors: [
        { name: 'ClearTax', type: 'direct', opening: 'Reconciliation is an add-on with slow support for mid-size companies' },
        { name: 'Excel + CA firm', type: 'indirect' },
        { name: 'Tally add-ons', type: 'indirect' },
      ],
      messaging: { tagline: 'GST books closed in a day', voice: ['Plain-spoken', 'Confident', 'Helpful'], wordsToAvoid: ['synergy', 'disrupt', 'revolutionary'] },
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
      baseline: { monthlyVisitors: 4200, leadsPerMonth: 35, conversionRate: 2.5, cacInr: 18000, mrrInr: 210000 },
    });
    expect(manifest.positioning.differentiators).toEqual([
      'Fuzzy invoice matching trained on 2 million Indian invoices plus automatic vendor follow-ups on WhatsApp.',
      'Set up in a day.',
      'Matches 95% of invoices automatically.',
    ]);
    expect(manifest.checksum).toBe(bcmChecksum(manifest));
  });

  it('is deterministic', () => {
    expect(buildBcm(sampleContext(), STAMP)).toEqual(buildBcm(sampleContext(), STAMP));
  });

  it.each<[string, (context: BusinessContextData) => void, string | RegExp]>([
    [
      'the sample',
      () => undefined,
      'For finance teams at growing Indian SMBs who spend days every month reconciling GST invoices by hand, Ledgerly is the GST reconciliation platform that closes GST books in a day and recovers the input tax credit you are losing.',
    ],
    [
      'clauses ending in a period',
      (c: BusinessContextData) => {
        c.positioning = { target: 'D2C founders.', category: 'Shipping tool', valueProposition: 'Ships orders in one click.' };
        c.icp_pains.pains = ['Lose a day a week to courier portals.'];
        c.offering.productName = 'Shipkart';
      },
      'For D2C founders who lose a day a week to courier portals, Shipkart is the shipping tool that ships orders in one click.',
    ],
    [
      'a plural target and a pain written for one person',
      (c: BusinessContextData) => {
        c.positioning = { target: 'CFOs of mid-size exporters', category: 'FX desk', valueProposition: 'Locks in rates' };
        c.icp_pains.pains = ['Worries about rupee swings and has no hedging desk'];
        c.offering.productName = 'Hedgely';
      },
      'For CFOs of mid-size exporters who worry about rupee swings and have no hedging desk, Hedgely is the FX desk that locks in rates.',
    ],
    [
      'a singular target keeps the singular verb',
      (c: BusinessContextData) => {
        c.positioning = { target: 'The solo founder', category: 'assistant', valueProposition: 'Does the admin' };
        c.icp_pains.pains = ['Misses follow-ups'];
        c.offering.productName = 'Aide';
      },
      'For the solo founder who misses follow-ups, Aide is the assistant that does the admin.',
    ],
    [
      'a plural target with an irregular verb',
      (c: BusinessContextData) => {
        c.positioning = { target: 'clinic owners in Pune', category: 'booking app', valueProposition: 'Fills empty slots' };
        c.icp_pains.pains = ['Has too many no-shows'];
        c.offering.productName = 'Slotly';
      },
      'For clinic owners in Pune who have too many no-shows, Slotly is the booking app that fills empty slots.',
    ],
    [
      'a plural target whose pain already agrees',
      (c: BusinessContextData) => {
        c.positioning = { target: 'Kirana store owners', category: 'ledger', valueProposition: 'Tracks credit' };
        c.icp_pains.pains = ['Chases credit by phone'];
        c.offering.productName = 'Khata';
      },
      'For kirana store owners who chase credit by phone, Khata is the ledger that tracks credit.',
    ],
    [
      'an overlong value proposition',
      (c: BusinessContextData) => {
        c.positioning.valueProposition = `Saves ${'a lot of time '.repeat(30)}`;
      },
      /that saves a lot of time( a lot of time)* a lot[^.]*…$/,
    ],
  ])('writes the positioning statement for %s', (_case, change, expected) => {
    const { statement } = buildBcm(withContext(change), STAMP).positioning;
    if (typeof expected === 'string') expect(statement).toBe(expected);
    else expect(statement).toMatch(expected);
  });

  it.each([
    [
      'primary first even when less complete, then secondaries by completeness',
      (c: BusinessContextData) => {
        c.icp_primary = { name: 'Solo CA', segment: 'B2B' };
        c.icp_pains = { pains: ['Too many clients'] };
        c.icp_secondary = {
          profiles: [
            { name: 'Sparse', segment: 'B2C', pains: ['x'] },
            { name: 'Rich', segment: 'B2B', role: 'CFO', geographies: ['Pune'], pains: ['y'], goals: ['z'], triggers: ['t'], objections: ['o'] },
          ],
        };
      },
      [
        ['primary', 'Solo CA', 100],
        ['secondary-2', 'Rich', 72],
        ['secondary-1', 'Sparse', 27],
      ],
    ],
    [
      'ties keep the founder order',
      (c: BusinessContextData) => {
        c.icp_secondary = { profiles: [{ name: 'A', segment: 'B2B', pains: ['p'] }, { name: 'B', segment: 'B2B', pains: ['p'] }] };
      },
      [
        ['primary', 'Finance controller at a growing SMB', 100],
        ['secondary-1', 'A', 27],
        ['secondary-2', 'B', 27],
      ],
    ],
    [
      'a secondary named like the primary collapses into it',
      (c: BusinessContextData) => {
        c.icp_secondary = { profiles: [{ name: 'finance CONTROLLER at a growing smb', segment: 'B2C', pains: ['p'] }] };
      },
      [['primary', 'Finance controller at a growing SMB', 100]],
    ],
    ['no secondary step', (c: BusinessContextData) => delete c.icp_secondary, [['primary', 'Finance controller at a growing SMB', 100]]],
  ] as const)('ranks ICPs: %s', (_case, change, expected) => {
    const icps = buildBcm(withContext(change), STAMP).icps;
    expect(icps.map((icp) => [icp.id, icp.name, icp.priorityScore])).toEqual(expected);
  });

  it('gives every ICP its top pains and the best-rated channels', () => {
    const [primary] = buildBcm(sampleContext(), STAMP).icps;
    expect(primary).toMatchObject({
      segment: 'B2B',
      topPains: [
        'Spends days every month reconciling GST invoices by hand',
        'Loses input tax credit to vendor filing mistakes',
        'Fears GST notices and audits',
      ],
      preferredChannels: ['referrals', 'linkedin', 'webinars'],
    });
  });

  it.each<[string, IcpProfileAnswers & Partial<IcpPainsAnswers>, number]>([
    ['a complete profile', { name: 'n', segment: 'B2B', sizeOrDemographics: 's', role: 'r', industries: ['saas'], geographies: ['g'], pains: ['p'], goals: ['g'], triggers: ['t'], objections: ['o'] }, 1],
    ['name and segment only', { name: 'n', segment: 'B2B' }, 0.2],
    ['blank entries do not count', { name: 'n', segment: 'B2B', role: ' ', geographies: [''] }, 0.2],
  ])('measures completeness of %s', (_case, profile, expected) => {
    expect(icpCompleteness(profile)).toBe(expected);
  });

  it.each([
    [
      'competitors by name',
      (c: BusinessContextData) => {
        c.competitors.competitors = [{ name: 'ClearTax', weakness: 'slow' }, { name: ' cleartax ' }, { name: 'Zoho Books' }];
      },
      (m: ReturnType<typeof buildBcm>) => m.competitors.map((x) => x.name),
      ['ClearTax', 'Zoho Books'],
    ],
    [
      'channels, keeping the best rating',
      (c: BusinessContextData) => {
        c.channels.channelsInUse = [{ channel: 'seo', rating: 2 }, { channel: 'linkedin', rating: 3 }, { channel: 'seo', rating: 5 }];
        c.channels.channelsOfInterest = ['seo', 'youtube', 'youtube'];
      },
      (m: ReturnType<typeof buildBcm>) => m.channels,
      { active: [{ channel: 'seo', rating: 5 }, { channel: 'linkedin', rating: 3 }], candidates: ['youtube'] },
    ],
    [
      'tone attributes and words',
      (c: BusinessContextData) => {
        c.voice = { toneAttributes: ['Bold', 'bold', 'Warm'], wordsToAvoid: ['Synergy', 'synergy'] };
      },
      (m: ReturnType<typeof buildBcm>) => [m.messaging.voice, m.messaging.wordsToAvoid, m.messaging.wordsToUse],
      [['Bold', 'Warm'], ['Synergy'], undefined],
    ],
  ] as const)('de-duplicates %s case-insensitively', (_case, change, pick, expected) => {
    expect(pick(buildBcm(withContext(change), STAMP))).toEqual(expected);
  });

  it('drops empty fields and unanswered optional steps', () => {
    const context = withContext((c) => {
      delete c.icp_secondary;
      delete c.buying;
      delete c.pricing_position;
      delete c.messaging;
      delete c.assets;
      delete c.metrics;
      c.company = { companyName: 'Ledgerly', industry: 'fintech' };
      c.review = { confirmation: true };
      c.channels.channelsOfInterest = [];
    });
    const manifest = buildBcm(context, STAMP);
    expect(manifest.identity).toEqual({ company: 'Ledgerly', industry: 'fintech', stage: 'early-revenue', teamSize: 9 });
    expect(manifest.baseline).toEqual({});
    expect(manifest.channels).not.toHaveProperty('candidates');
    expect(manifest.constraints).not.toHaveProperty('notes');
    expect(manifest.offering).not.toHaveProperty('relativePrice');
    expect(manifest.messaging).not.toHaveProperty('tagline');
    // Without key messages, the outcomes become the pillars.
    expect(manifest.messaging.pillars).toEqual(context.outcomes.outcomes);
    expect(JSON.stringify(manifest)).not.toMatch(/null|""|\[\]/);
  });

  it('leaves out a website too long to show instead of cutting it', () => {
    const manifest = buildBcm(withContext((c) => (c.company.website = `https://ledgerly.in/${'a'.repeat(300)}`)), STAMP);
    expect(manifest.identity.website).toBeUndefined();
  });

  it('trims long answers at word boundaries', () => {
    const manifest = buildBcm(withContext((c) => (c.problem.problemSolved = 'Finance teams reconcile invoices by hand. '.repeat(20))), STAMP);
    expect(manifest.offering.problem).toMatch(/^Finance teams reconcile invoices by hand\. .*[a-z]…$/);
    expect(manifest.offering.problem.length).toBeLessThanOrEqual(240);
  });

  it('keeps full detail when the manifest fits', () => {
    const manifest = buildBcm(sampleContext(), STAMP);
    expect([manifest.icps.length, manifest.competitors.length, manifest.offering.proofPoints?.length]).toEqual([3, 3, 2]);
  });

  describe('16 KB budget', () => {
    it.each([
      ['ASCII', 'lorem'],
      ['Devanagari (3 bytes a character)', 'नमस्ते'],
      ['emoji (4 bytes a character)', '🚀🚀'],
    ])('holds for a maximal context in %s', (_case, word) => {
      const context = maximalContext(word);
      expect(validateBusinessContext(context)).toEqual({ valid: true, errors: [] });
      const manifest = buildBcm(context, STAMP);
      expect(bcmByteSize(manifest)).toBeLessThan(BCM_MAX_BYTES);
      expect(manifest.checksum).toBe(bcmChecksum(manifest));
      // The primary profile and at least one competitor always survive compaction.
      expect(manifest.icps[0].id).toBe('primary');
      expect(manifest.competitors.length).toBeGreaterThanOrEqual(1);
    });

    it('drops lowest-priority detail first (extra competitors) before touching profiles', () => {
      const manifest = buildBcm(maximalContext('lorem'), STAMP);
      expect(manifest.competitors.length).toBeLessThan(BCM_LIST_CAPS.competitors);
      expect(manifest.icps.length).toBe(BCM_LIST_CAPS.icps);
    });

    it('drops secondary profiles and list items when texts are multibyte', () => {
      const manifest = buildBcm(maximalContext('🚀🚀'), STAMP);
      expect([manifest.icps.length, manifest.icps[0].topPains.length, manifest.competitors.length]).toEqual([2, 2, 2]);
    });

    it('compacts the same input the same way', () => {
      expect(buildBcm(maximalContext('नमस्ते'), STAMP)).toEqual(buildBcm(maximalContext('नमस्ते'), STAMP));
    });
  });
});
