// The BCM reducer (domain.md "The BCM"): pure and deterministic, business_context in, manifest out.
import {
  BCM_SCHEMA_VERSION,
  BcmChannelRating,
  BcmCompetitor,
  BcmContent,
  BcmIcp,
  BusinessContextData,
  BusinessContextManifest,
  Channel,
  IcpPainsAnswers,
  IcpProfileAnswers,
} from '@raptorflow/contracts';
import { bcmChecksum } from './bcm.checksum';

/** The serialized manifest (UTF-8 JSON, stamps included) stays under this size. */
export const BCM_MAX_BYTES = 16 * 1024;

// Character limits of manifest texts, in one place.
export const BCM_TEXT_LIMITS = {
  word: 40,
  name: 80,
  target: 120,
  line: 160,
  long: 240,
  url: 200,
} as const;

// List caps at full detail.
export const BCM_LIST_CAPS = {
  icps: 3,
  icpItems: 3,
  industries: 3,
  geographies: 5,
  preferredChannels: 3,
  competitors: 10,
  outcomes: 5,
  proofPoints: 3,
  differentiators: 3,
  pillars: 3,
  voice: 5,
  words: 10,
  activeChannels: 10,
  candidates: 5,
} as const;

type ListCaps = { [K in keyof typeof BCM_LIST_CAPS]: number };

interface CompactionLevel {
  /** Multiplies every text limit. */
  textScale: number;
  caps: ListCaps;
}

// Tried in order until the manifest fits BCM_MAX_BYTES; each level drops lower-priority detail first
// (extra competitors, proof points and word lists, then secondary profiles and list items, and shortens texts).
// The last level fits even a maximal context written in 4-byte characters (bcm.builder.spec).
export const BCM_COMPACTION_LEVELS: readonly CompactionLevel[] = [
  { textScale: 1, caps: BCM_LIST_CAPS },
  { textScale: 1, caps: { ...BCM_LIST_CAPS, competitors: 5, proofPoints: 1, words: 5, geographies: 3 } },
  {
    textScale: 0.75,
    caps: { ...BCM_LIST_CAPS, icps: 2, icpItems: 2, competitors: 3, outcomes: 3, proofPoints: 0, words: 3, geographies: 2, candidates: 3 },
  },
  {
    textScale: 0.6,
    caps: {
      ...BCM_LIST_CAPS,
      icps: 2,
      icpItems: 2,
      industries: 2,
      geographies: 1,
      competitors: 2,
      outcomes: 2,
      proofPoints: 0,
      differentiators: 2,
      pillars: 2,
      words: 0,
      candidates: 3,
    },
  },
];

export interface BcmStampInput {
  version: number;
  sourceContextVersion: number;
  generatedAt: string;
}

/** Builds the stamped manifest, compacting further only when the full-detail one is over BCM_MAX_BYTES. */
export function buildBcm(context: BusinessContextData, stamp: BcmStampInput): BusinessContextManifest {
  let manifest: BusinessContextManifest | undefined;
  for (const level of BCM_COMPACTION_LEVELS) {
    manifest = stampManifest(buildContent(context, level), stamp);
    if (bcmByteSize(manifest) < BCM_MAX_BYTES) return manifest;
  }
  // Unreachable for valid input: caps and text limits bound the last level below the budget.
  return manifest as BusinessContextManifest;
}

export function bcmByteSize(manifest: BusinessContextManifest): number {
  return new TextEncoder().encode(JSON.stringify(manifest)).length;
}

function stampManifest(content: BcmContent, stamp: BcmStampInput): BusinessContextManifest {
  const unsigned = {
    version: stamp.version,
    sourceContextVersion: stamp.sourceContextVersion,
    schemaVersion: BCM_SCHEMA_VERSION,
    ...content,
  };
  return { ...unsigned, generatedAt: stamp.generatedAt, checksum: bcmChecksum(unsigned) };
}

function buildContent(context: BusinessContextData, level: CompactionLevel): BcmContent {
  const limit = (key: keyof typeof BCM_TEXT_LIMITS) => Math.max(8, Math.floor(BCM_TEXT_LIMITS[key] * level.textScale));
  const caps = level.caps;
  const text = (value: string | undefined, key: keyof typeof BCM_TEXT_LIMITS) => (value === undefined ? undefined : trimAtWord(value, limit(key)));
  const texts = (values: readonly string[] | undefined, cap: number, key: keyof typeof BCM_TEXT_LIMITS) =>
    uniqueTexts(values ?? [], cap, limit(key));

  const { company, stage, offering, problem, outcomes, positioning, differentiation, voice, channels, content, resources, goals, review } = context;
  const messaging = context.messaging ?? {};

  const active = rankChannels(channels.channelsInUse).slice(0, caps.activeChannels);
  const activeIds = new Set(active.map((item) => item.channel));
  const preferredChannels = active.slice(0, caps.preferredChannels).map((item) => item.channel);

  const icps = rankIcps(context)
    .slice(0, caps.icps)
    .map(({ id, source, completeness, primary }) =>
      dropEmpty<BcmIcp>({
        id,
        name: trimAtWord(source.name, limit('name')),
        segment: source.segment,
        role: text(source.role, 'name'),
        sizeOrDemographics: text(source.sizeOrDemographics, 'line'),
        industries: unique(source.industries ?? []).slice(0, caps.industries),
        geographies: texts(source.geographies, caps.geographies, 'word'),
        topPains: texts(source.pains, caps.icpItems, 'line'),
        goals: texts(source.goals, caps.icpItems, 'line'),
        triggers: texts(source.triggers, caps.icpItems, 'line'),
        objections: texts(source.objections, caps.icpItems, 'line'),
        preferredChannels,
        priorityScore: primary ? 100 : Math.round(completeness * 90),
      }),
    );

  const competitors = uniqueBy(context.competitors.competitors, (competitor) => competitor.name)
    .slice(0, caps.competitors)
    .map((competitor) =>
      dropEmpty<BcmCompetitor>({
        name: trimAtWord(competitor.name, limit('name')),
        type: competitor.type,
        opening: text(competitor.weakness, 'line'),
      }),
    );

  const product = trimAtWord(offering.productName, limit('name'));
  const pain = context.icp_pains.pains[0] ?? problem.problemSolved;
  const statementEnd = fragment(positioning.valueProposition, limit('long'));
  const statement =
    `For ${fragment(positioning.target, limit('target'))} who ${agreeWith(positioning.target, fragment(pain, limit('line')))}, ` +
    `${product} is the ${fragment(positioning.category, limit('name'))} that ${statementEnd}${statementEnd.endsWith('…') ? '' : '.'}`;

  const keyMessages = texts(messaging.keyMessages, caps.pillars, 'line');

  return {
    identity: dropEmpty({
      company: trimAtWord(company.companyName, limit('name')),
      industry: company.industry,
      stage: stage.stage,
      // A URL is never cut; an overlong one is left out.
      website: company.website && company.website.length <= BCM_TEXT_LIMITS.url ? company.website : undefined,
      country: text(company.country, 'word'),
      teamSize: stage.teamSize,
    }),
    offering: dropEmpty({
      product,
      oneLiner: trimAtWord(offering.oneLiner, limit('line')),
      category: text(offering.category, 'name'),
      pricingModel: offering.pricingModel,
      pricePoint: text(offering.pricePoint, 'name'),
      relativePrice: context.pricing_position?.relativePrice,
      problem: trimAtWord(problem.problemSolved, limit('long')),
      outcomes: texts(outcomes.outcomes, caps.outcomes, 'line'),
      proofPoints: texts(outcomes.proofPoints, caps.proofPoints, 'long'),
    }),
    positioning: {
      statement,
      target: trimAtWord(positioning.target, limit('target')),
      category: trimAtWord(positioning.category, limit('name')),
      valueProposition: trimAtWord(positioning.valueProposition, limit('long')),
      differentiators: texts([differentiation.uniqueMechanism, ...sentences(differentiation.whyWin)], caps.differentiators, 'line'),
    },
    icps,
    competitors,
    messaging: dropEmpty({
      tagline: text(messaging.tagline, 'line'),
      // Without key messages, the outcomes are what we want remembered.
      pillars: keyMessages.length > 0 ? keyMessages : texts(outcomes.outcomes, caps.pillars, 'line'),
      voice: texts(voice.toneAttributes, caps.voice, 'word'),
      wordsToUse: texts(voice.wordsToUse, caps.words, 'word'),
      wordsToAvoid: texts(voice.wordsToAvoid, caps.words, 'word'),
    }),
    channels: dropEmpty({
      active,
      candidates: unique(channels.channelsOfInterest ?? [])
        .filter((channel) => !activeIds.has(channel))
        .slice(0, caps.candidates),
    }),
    goals: dropEmpty({ primary: goals.primaryGoal, target: goals.target, deadline: goals.deadline }),
    constraints: dropEmpty({
      monthlyBudgetInr: resources.monthlyBudgetInr,
      hoursPerWeek: resources.hoursPerWeek,
      piecesPerWeek: content.piecesPerWeek,
      notes: notesOf(review.constraints, review.risks, limit('long')),
    }),
    baseline: dropEmpty({ ...(context.metrics ?? {}) }),
  };
}

interface RankedIcp {
  id: string;
  primary: boolean;
  completeness: number;
  source: IcpProfileAnswers & IcpPainsAnswers;
}

const ICP_FIELDS: readonly (keyof (IcpProfileAnswers & IcpPainsAnswers))[] = [
  'name',
  'segment',
  'sizeOrDemographics',
  'role',
  'industries',
  'geographies',
  'pains',
  'goals',
  'triggers',
  'objections',
];

/** Share of profile fields answered, 0..1. */
export function icpCompleteness(profile: IcpProfileAnswers & Partial<IcpPainsAnswers>): number {
  const filled = ICP_FIELDS.filter((key) => {
    const value = profile[key];
    return Array.isArray(value) ? value.some((item) => String(item).trim() !== '') : typeof value === 'string' && value.trim() !== '';
  });
  return filled.length / ICP_FIELDS.length;
}

// Primary first, then secondary profiles by completeness (ties keep the founder's order); same-named profiles collapse.
function rankIcps(context: BusinessContextData): RankedIcp[] {
  const primarySource = { ...context.icp_primary, ...context.icp_pains };
  const primary: RankedIcp = { id: 'primary', primary: true, completeness: icpCompleteness(primarySource), source: primarySource };
  const secondaries = (context.icp_secondary?.profiles ?? [])
    .map((source, i): RankedIcp => ({ id: `secondary-${i + 1}`, primary: false, completeness: icpCompleteness(source), source }))
    .sort((a, b) => b.completeness - a.completeness);
  return uniqueBy([primary, ...secondaries], (icp) => icp.source.name);
}

// Best rated first (ties keep the founder's order); a channel listed twice keeps its best rating.
function rankChannels(channels: readonly BcmChannelRating[]): BcmChannelRating[] {
  const best = new Map<Channel, number>();
  for (const { channel, rating } of channels) best.set(channel, Math.max(rating, best.get(channel) ?? -Infinity));
  return [...best.entries()].map(([channel, rating]) => ({ channel, rating })).sort((a, b) => b.rating - a.rating);
}

function notesOf(constraints: string | undefined, risks: string | undefined, max: number): string | undefined {
  const parts = [constraints?.trim(), risks?.trim() ? `Risks: ${risks.trim()}` : undefined].filter((part): part is string => !!part);
  return parts.length > 0 ? trimAtWord(parts.join(' '), max) : undefined;
}

/**
 * Collapses whitespace and cuts `text` to at most `max` characters (code points) at a word boundary, ending with '…'.
 * A single word longer than half the limit is cut inside the word.
 */
export function trimAtWord(text: string, max: number): string {
  const clean = text.replace(/\s+/g, ' ').trim();
  const chars = Array.from(clean);
  if (chars.length <= max) return clean;
  if (max < 2) return '';
  const head = chars.slice(0, max - 1);
  const endsAtBoundary = chars[max - 1] === ' ';
  const joined = head.join('');
  const lastSpace = joined.lastIndexOf(' ');
  const cut = endsAtBoundary || lastSpace < joined.length / 2 ? joined : joined.slice(0, lastSpace);
  return `${cut.replace(/[\s,;:.!?\-–—]+$/u, '')}…`;
}

/** Trimmed, non-empty, case-insensitively unique texts, at most `cap` of them. */
export function uniqueTexts(values: readonly string[], cap: number, max: number): string[] {
  return uniqueBy(
    values.map((value) => trimAtWord(value, max)).filter((value) => value !== ''),
    (value) => value,
  ).slice(0, cap);
}

/** Keeps the first item of each case-insensitive key. */
function uniqueBy<T>(items: readonly T[], keyOf: (item: T) => string): T[] {
  const seen = new Set<string>();
  return items.filter((item) => {
    const key = keyOf(item).replace(/\s+/g, ' ').trim().toLowerCase();
    if (seen.has(key)) return false;
    seen.add(key);
    return true;
  });
}

function unique<T>(items: readonly T[]): T[] {
  return [...new Set(items)];
}

function sentences(text: string | undefined): string[] {
  return (text ?? '').split(/(?<=[.!?])\s+/).filter((sentence) => sentence.trim() !== '');
}

// A clause inside the positioning sentence: trimmed, no final period, lower-case start unless it is an acronym.
function fragment(text: string, max: number): string {
  const trimmed = trimAtWord(text, max).replace(/[.!?]+$/, '');
  const firstWord = trimmed.split(' ')[0] ?? '';
  const isAcronymOrName = /[A-Z]/.test(firstWord.slice(1));
  return isAcronymOrName ? trimmed : trimmed.charAt(0).toLowerCase() + trimmed.slice(1);
}

const PREPOSITIONS = new Set(['at', 'in', 'of', 'for', 'with', 'from', 'on', 'across', 'who', 'that', 'like']);
const PLURAL_NOUNS = new Set(['people', 'staff', 'children', 'men', 'women', 'folks', 'folk', 'teams']);
const PLURAL_VERBS: Record<string, string> = { has: 'have', is: 'are', was: 'were', does: 'do' };

// "who <pain>" after a plural target takes a plural verb: "finance teams ... who spend", not "who spends".
// The head noun is the target's last word before its first preposition ("teams" in "finance teams at SMBs").
function agreeWith(target: string, clause: string): string {
  const words = target.toLowerCase().replace(/[.!?]+$/, '').split(/\s+/);
  const cut = words.findIndex((word) => PREPOSITIONS.has(word));
  const head = (cut > 0 ? words[cut - 1] : words.at(-1)) ?? '';
  const plural = PLURAL_NOUNS.has(head) || (/[^s]s$/.test(head) && !/(us|is)$/.test(head));
  if (!plural) return clause;
  // The first word is the verb; after "and"/"but" only the unmistakable ones (has, is, ...) are verbs.
  return clause
    .split(' ')
    .map((word, i, all) => (i === 0 ? pluralVerb(word) : /^(and|but)$/.test(all[i - 1]) ? (PLURAL_VERBS[word] ?? word) : word))
    .join(' ');
}

function pluralVerb(verb: string): string {
  if (!/^[a-z]+s$/.test(verb) || verb.endsWith('ss')) return verb;
  return PLURAL_VERBS[verb] ?? (/[^aeiou]ies$/.test(verb) ? `${verb.slice(0, -3)}y` : /(ches|shes|sses|xes|zes|oes)$/.test(verb) ? verb.slice(0, -2) : verb.slice(0, -1));
}

// Removes undefined, blank strings and empty lists so the manifest carries only answered fields.
function dropEmpty<T extends object>(value: T): T {
  return Object.fromEntries(
    Object.entries(value).filter(([, item]) => item !== undefined && item !== '' && !(Array.isArray(item) && item.length === 0)),
  ) as T;
}
