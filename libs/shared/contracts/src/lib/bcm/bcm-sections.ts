import {
  CHANNEL_OPTIONS,
  COMPETITOR_TYPE_OPTIONS,
  GOAL_TYPE_OPTIONS,
  INDUSTRY_OPTIONS,
  PRICING_MODEL_OPTIONS,
  RELATIVE_PRICE_OPTIONS,
  SEGMENT_OPTIONS,
  STAGE_OPTIONS,
} from '../onboarding/onboarding.options';
import type { StepId } from '../onboarding/onboarding.catalog';
import { formatDate, formatNumber, formatRupees } from '../en-in.format';
import type { BcmContent } from './bcm.contracts';

// The manifest as founders read it: the manifest page, its Markdown and PDF exports and the version diff all use these sections.
export interface BcmRow {
  label: string;
  value: string;
}

export interface BcmSection {
  id: keyof BcmContent;
  title: string;
  /** The onboarding step whose answers fill this section ("Edit" opens it). */
  editStep: StepId;
  rows: BcmRow[];
}

export interface BcmChange {
  section: string;
  label: string;
  before: string;
  after: string;
}

type Options = readonly { value: string; label: string }[];
const label = (options: Options, value: string | undefined) => (value === undefined ? '' : (options.find((o) => o.value === value)?.label ?? value));
const labels = (options: Options, values: readonly string[] | undefined) => (values ?? []).map((v) => label(options, v)).join(', ');
const list = (values: readonly string[] | undefined) => (values ?? []).join('; ');
const rupees = (value: number | undefined) => (value === undefined ? '' : formatRupees(Math.round(value * 100)));
const count = (value: number | undefined) => (value === undefined ? '' : formatNumber(value));

/** Rows without a value are left out, so a section shows only what the founder answered. */
function rows(pairs: [string, string][]): BcmRow[] {
  return pairs.filter(([, value]) => value !== '').map(([l, value]) => ({ label: l, value }));
}

export function bcmSections(bcm: BcmContent): BcmSection[] {
  const { identity, offering, positioning, messaging, channels, goals, constraints, baseline } = bcm;
  return [
    {
      id: 'identity',
      title: 'Identity',
      editStep: 'company',
      rows: rows([
        ['Company', identity.company],
        ['Industry', label(INDUSTRY_OPTIONS, identity.industry)],
        ['Stage', label(STAGE_OPTIONS, identity.stage)],
        ['Website', identity.website ?? ''],
        ['Country', identity.country ?? ''],
        ['Team size', count(identity.teamSize)],
      ]),
    },
    {
      id: 'offering',
      title: 'Offering',
      editStep: 'offering',
      rows: rows([
        ['Product', offering.product],
        ['One-liner', offering.oneLiner],
        ['Category', offering.category ?? ''],
        ['Pricing model', label(PRICING_MODEL_OPTIONS, offering.pricingModel)],
        ['Price point', offering.pricePoint ?? ''],
        ['Relative price', label(RELATIVE_PRICE_OPTIONS, offering.relativePrice)],
        ['Problem', offering.problem],
        ['Outcomes', list(offering.outcomes)],
        ['Proof points', list(offering.proofPoints)],
      ]),
    },
    {
      id: 'positioning',
      title: 'Positioning',
      editStep: 'positioning',
      rows: rows([
        ['Statement', positioning.statement],
        ['Target', positioning.target],
        ['Category', positioning.category],
        ['Value proposition', positioning.valueProposition],
        ['Differentiators', list(positioning.differentiators)],
      ]),
    },
    {
      id: 'icps',
      title: 'Customer profiles',
      editStep: 'icp_primary',
      rows: bcm.icps.flatMap((icp) =>
        rows([
          [`${icp.name}`, `${label(SEGMENT_OPTIONS, icp.segment)}${icp.role ? `, ${icp.role}` : ''} (priority ${icp.priorityScore})`],
          [`${icp.name}: pains`, list(icp.topPains)],
          [`${icp.name}: goals`, list(icp.goals)],
          [`${icp.name}: triggers`, list(icp.triggers)],
          [`${icp.name}: objections`, list(icp.objections)],
          [`${icp.name}: channels`, labels(CHANNEL_OPTIONS, icp.preferredChannels)],
        ]),
      ),
    },
    {
      id: 'competitors',
      title: 'Competitors',
      editStep: 'competitors',
      rows: bcm.competitors.map((c) => ({
        label: c.name,
        value: [label(COMPETITOR_TYPE_OPTIONS, c.type), c.opening ? `our opening: ${c.opening}` : ''].filter(Boolean).join('; ') || '–',
      })),
    },
    {
      id: 'messaging',
      title: 'Messaging',
      editStep: 'messaging',
      rows: rows([
        ['Tagline', messaging.tagline ?? ''],
        ['Pillars', list(messaging.pillars)],
        ['Voice', list(messaging.voice)],
        ['Words to use', list(messaging.wordsToUse)],
        ['Words to avoid', list(messaging.wordsToAvoid)],
      ]),
    },
    {
      id: 'channels',
      title: 'Channels',
      editStep: 'channels',
      rows: rows([
        ['Active', channels.active.map((c) => `${label(CHANNEL_OPTIONS, c.channel)} (${c.rating}/5)`).join(', ')],
        ['To try', labels(CHANNEL_OPTIONS, channels.candidates)],
      ]),
    },
    {
      id: 'goals',
      title: '90-day goal',
      editStep: 'goals',
      rows: rows([
        ['Goal', label(GOAL_TYPE_OPTIONS, goals.primary)],
        ['Target', goals.primary === 'revenue' ? rupees(goals.target) : count(goals.target)],
        ['Deadline', goals.deadline ? formatDate(goals.deadline) : ''],
      ]),
    },
    {
      id: 'constraints',
      title: 'Constraints',
      editStep: 'resources',
      rows: rows([
        ['Monthly budget', rupees(constraints.monthlyBudgetInr)],
        ['Hours per week', count(constraints.hoursPerWeek)],
        ['Pieces per week', count(constraints.piecesPerWeek)],
        ['Notes', constraints.notes ?? ''],
      ]),
    },
    {
      id: 'baseline',
      title: 'Baseline',
      editStep: 'metrics',
      rows: rows([
        ['Monthly visitors', count(baseline.monthlyVisitors)],
        ['Leads per month', count(baseline.leadsPerMonth)],
        ['Conversion rate', baseline.conversionRate === undefined ? '' : `${formatNumber(baseline.conversionRate)}%`],
        ['Customer acquisition cost', rupees(baseline.cacInr)],
        ['Monthly recurring revenue', rupees(baseline.mrrInr)],
      ]),
    },
  ];
}

/** The manifest as a Markdown document (the page's "Export Markdown"). */
export function bcmMarkdown(bcm: BcmContent & { version: number; generatedAt: string }): string {
  const lines = [`# ${bcm.identity.company}: Business Context Manifest v${bcm.version}`, '', `Generated ${formatDate(bcm.generatedAt)}.`];
  for (const section of bcmSections(bcm)) {
    lines.push('', `## ${section.title}`, '');
    lines.push(...(section.rows.length ? section.rows.map((row) => `- **${row.label}:** ${row.value}`) : ['_Not answered._']));
  }
  return `${lines.join('\n')}\n`;
}

/** What changed between two manifests, row by row ('' where a row is absent on one side). */
export function bcmDiff(before: BcmContent, after: BcmContent): BcmChange[] {
  const older = bcmSections(before);
  return bcmSections(after).flatMap((section, i) => {
    const was = new Map(older[i].rows.map((row) => [row.label, row.value]));
    const now = new Map(section.rows.map((row) => [row.label, row.value]));
    const keys = [...new Set([...was.keys(), ...now.keys()])];
    return keys.filter((key) => was.get(key) !== now.get(key)).map((key) => ({ section: section.title, label: key, before: was.get(key) ?? '', after: now.get(key) ?? '' }));
  });
}
