// A complete, realistic business_context (every step and field filled) for tests, fixtures and e2e.
import type { BusinessContextData } from './onboarding.contracts';

export const SAMPLE_BUSINESS_CONTEXT: BusinessContextData = {
  company: {
    companyName: 'Ledgerly Technologies',
    website: 'https://ledgerly.in',
    industry: 'fintech',
    country: 'India',
    foundedYear: 2022,
  },
  stage: {
    stage: 'early-revenue',
    teamSize: 9,
    founderRole: 'CEO & co-founder',
  },
  offering: {
    productName: 'Ledgerly',
    oneLiner: 'GST reconciliation on autopilot for growing Indian businesses',
    category: 'Accounting automation',
    pricingModel: 'subscription',
    pricePoint: '₹4,999 per month per GSTIN',
  },
  problem: {
    problemSolved:
      'Finance teams spend 6-10 days every month matching purchase invoices with GSTR-2B by hand, miss input tax credit and still get notices.',
    whoFeelsItMost: 'Finance controllers at 50-500 person companies with many vendors and several GSTINs.',
    currentAlternatives: 'Excel and VLOOKUPs, their CA firm, Tally add-ons, ClearTax for filing only.',
  },
  outcomes: {
    outcomes: [
      'Month-end GST reconciliation in 1 day instead of 8',
      'Recover 2-4% more input tax credit',
      'Zero mismatch notices in the last two quarters',
    ],
    proofPoints: [
      '42 paying companies, ₹3.1 Cr ITC recovered in 2024',
      '"We closed March books a week early." - Priya Nair, Finance Controller, Kesar Foods',
    ],
  },
  icp_primary: {
    name: 'Finance controller at a growing SMB',
    segment: 'B2B',
    sizeOrDemographics: '50-500 employees, ₹20-300 Cr annual revenue',
    role: 'Finance controller / CFO',
    industries: ['manufacturing', 'ecommerce-d2c', 'logistics'],
    geographies: ['Bengaluru', 'Pune', 'Delhi NCR', 'Mumbai'],
  },
  icp_pains: {
    pains: [
      'Spends days every month reconciling GST invoices by hand',
      'Loses input tax credit to vendor filing mistakes',
      'Fears GST notices and audits',
    ],
    goals: ['Close the books faster', 'Maximise input tax credit', 'Look in control to the CFO and board'],
    triggers: ['Received a GST mismatch notice', 'Crossed 200 vendors', 'Hired a new CFO'],
    objections: ['Our CA already does this', 'Worried about data security', 'Another tool to learn'],
  },
  icp_secondary: {
    profiles: [
      {
        name: 'CA firm partner',
        segment: 'B2B2C',
        sizeOrDemographics: 'CA firms with 5-50 staff and 100+ GST clients',
        role: 'Partner',
        industries: ['consulting'],
        geographies: ['Tier-2 cities'],
        pains: ['Staff time lost to reconciliation during filing season', 'Clients send invoices late'],
        goals: ['Serve more clients with the same team'],
        triggers: ['Filing season backlog'],
        objections: ['Price per client GSTIN'],
      },
      {
        name: 'D2C founder',
        segment: 'B2C',
        sizeOrDemographics: 'Solo founders selling on marketplaces, ₹1-10 Cr revenue',
        role: 'Founder',
        industries: ['ecommerce-d2c'],
        geographies: ['India'],
        pains: ['Marketplace TCS and GST credits are confusing'],
        goals: ['Know the real margin per order'],
        triggers: ['First GST notice'],
        objections: ['Too expensive for a small brand'],
      },
    ],
  },
  jobs: {
    functional: 'When the month closes, I want every purchase invoice matched with GSTR-2B, so I can claim full input tax credit on time.',
    emotional: 'Feel confident that nothing slipped through before filing.',
    social: 'Be seen by the CFO and auditors as the person who runs a tight finance function.',
  },
  buying: {
    decisionMakers: ['CFO', 'Finance controller', 'Founder'],
    salesCycleDays: 30,
    whereBuyersLook: ['CA recommendations', 'LinkedIn', 'Google search', 'Finance WhatsApp groups'],
  },
  competitors: {
    competitors: [
      {
        name: 'ClearTax',
        url: 'https://cleartax.in',
        type: 'direct',
        strength: 'Brand everyone knows and a full compliance suite',
        weakness: 'Reconciliation is an add-on with slow support for mid-size companies',
      },
      {
        name: 'Excel + CA firm',
        type: 'indirect',
        strength: 'Already in place and feels free',
        weakness: 'Manual, slow, and errors surface only when notices arrive',
      },
      {
        name: 'Tally add-ons',
        url: 'https://tallysolutions.com',
        type: 'indirect',
        strength: 'Lives inside the ledger teams already use',
        weakness: 'Breaks with many GSTINs and vendor-side errors',
      },
    ],
  },
  differentiation: {
    uniqueMechanism: 'Fuzzy invoice matching trained on 2 million Indian invoices plus automatic vendor follow-ups on WhatsApp.',
    whyWin: 'Set up in a day. Matches 95% of invoices automatically. Vendors fix their filings because we chase them for you.',
    whyLose: 'Large enterprises want an on-premise deployment and an SAP connector.',
  },
  positioning: {
    category: 'GST reconciliation platform',
    target: 'finance teams at growing Indian SMBs',
    valueProposition: 'Closes GST books in a day and recovers the input tax credit you are losing',
  },
  pricing_position: {
    relativePrice: 'mid',
    packaging: 'Starter (1 GSTIN), Growth (up to 5 GSTINs), Enterprise (custom). Annual plans get two months free.',
  },
  voice: {
    toneAttributes: ['Plain-spoken', 'Confident', 'Helpful'],
    wordsToUse: ['save', 'recover', 'in control'],
    wordsToAvoid: ['synergy', 'disrupt', 'revolutionary'],
  },
  messaging: {
    tagline: 'GST books closed in a day',
    keyMessages: [
      'Stop losing input tax credit to vendor mistakes',
      'Reconcile in one day, not eight',
      'We chase vendors so your team does not have to',
    ],
    elevatorPitch:
      'Ledgerly matches every purchase invoice with GSTR-2B automatically and chases vendors on WhatsApp to fix their filings, so finance teams close GST in a day and recover the credit they are owed.',
  },
  assets: {
    assets: [
      { kind: 'website', title: 'Ledgerly website', url: 'https://ledgerly.in' },
      { kind: 'case-study', title: 'Kesar Foods case study', url: 'https://ledgerly.in/customers/kesar-foods' },
      { kind: 'video', title: 'Two-minute product demo', url: 'https://www.youtube.com/watch?v=ledgerly-demo' },
    ],
  },
  channels: {
    channelsInUse: [
      { channel: 'linkedin', rating: 4 },
      { channel: 'referrals', rating: 5 },
      { channel: 'webinars', rating: 3 },
      { channel: 'seo', rating: 2 },
    ],
    channelsOfInterest: ['whatsapp', 'partnerships', 'youtube'],
  },
  content: {
    formats: ['social-post', 'carousel', 'case-study', 'webinar'],
    piecesPerWeek: 3,
  },
  resources: {
    monthlyBudgetInr: 75000,
    hoursPerWeek: 12,
    tools: ['HubSpot', 'Canva', 'Google Analytics'],
  },
  metrics: {
    monthlyVisitors: 4200,
    leadsPerMonth: 35,
    conversionRate: 2.5,
    cacInr: 18000,
    mrrInr: 210000,
  },
  goals: {
    primaryGoal: 'leads',
    target: 120,
    deadline: '2026-03-31',
  },
  review: {
    constraints: 'Cannot make claims about tax savings without a disclaimer; busy season around GST filing dates (11th-20th).',
    risks: 'A large competitor bundling reconciliation for free.',
    confirmation: true,
  },
};
