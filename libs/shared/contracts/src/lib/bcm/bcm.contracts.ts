// The Business Context Manifest (domain.md "The BCM"): the compact summary every page of the app reads.
import type {
  Channel,
  CompetitorType,
  GoalType,
  Industry,
  PricingModel,
  RelativePrice,
  Segment,
  Stage,
} from '../onboarding/onboarding.options';

/** Version of the manifest shape; bump when a field changes meaning. */
export const BCM_SCHEMA_VERSION = 1;

export const BCM_FRESHNESS_STATES = ['fresh', 'stale', 'missing', 'rebuilding'] as const;
export type BcmFreshness = (typeof BCM_FRESHNESS_STATES)[number];

export interface BcmIdentity {
  company: string;
  industry: Industry;
  stage: Stage;
  website?: string;
  country?: string;
  teamSize?: number;
}

export interface BcmOffering {
  product: string;
  oneLiner: string;
  category?: string;
  pricingModel?: PricingModel;
  pricePoint?: string;
  relativePrice?: RelativePrice;
  problem: string;
  outcomes: string[];
  proofPoints?: string[];
}

export interface BcmPositioning {
  /** "For <target> who <pain>, <product> is the <category> that <value>." */
  statement: string;
  target: string;
  category: string;
  valueProposition: string;
  differentiators: string[];
}

export interface BcmIcp {
  /** Stable by source: 'primary', 'secondary-1', 'secondary-2'. */
  id: string;
  name: string;
  segment: Segment;
  role?: string;
  sizeOrDemographics?: string;
  industries?: Industry[];
  geographies?: string[];
  topPains: string[];
  goals?: string[];
  triggers?: string[];
  objections?: string[];
  preferredChannels?: Channel[];
  /** 0-100; the primary profile is always 100 and ranked first. */
  priorityScore: number;
}

export interface BcmCompetitor {
  name: string;
  type?: CompetitorType;
  /** Their weakness, i.e. our opening. */
  opening?: string;
}

export interface BcmMessaging {
  tagline?: string;
  pillars: string[];
  voice: string[];
  wordsToUse?: string[];
  wordsToAvoid?: string[];
}

export interface BcmChannelRating {
  channel: Channel;
  rating: number;
}

export interface BcmChannels {
  /** Channels in use, best rated first. */
  active: BcmChannelRating[];
  /** Channels the founder wants to try and does not use yet. */
  candidates?: Channel[];
}

export interface BcmGoals {
  primary: GoalType;
  target: number;
  deadline?: string;
}

export interface BcmConstraints {
  monthlyBudgetInr: number;
  hoursPerWeek: number;
  piecesPerWeek?: number;
  notes?: string;
}

export interface BcmBaseline {
  monthlyVisitors?: number;
  leadsPerMonth?: number;
  conversionRate?: number;
  cacInr?: number;
  mrrInr?: number;
}

/** The checksummed content of a manifest (no stamps). */
export interface BcmContent {
  identity: BcmIdentity;
  offering: BcmOffering;
  positioning: BcmPositioning;
  icps: BcmIcp[];
  competitors: BcmCompetitor[];
  messaging: BcmMessaging;
  channels: BcmChannels;
  goals: BcmGoals;
  constraints: BcmConstraints;
  baseline: BcmBaseline;
}

export interface BcmStamp {
  /** Per workspace, increasing. */
  version: number;
  sourceContextVersion: number;
  schemaVersion: number;
  /** ISO time; not part of the checksum. */
  generatedAt: string;
  /** SHA-256 hex of the canonical JSON without generatedAt and checksum. */
  checksum: string;
}

export type BusinessContextManifest = BcmContent & BcmStamp;

// API shapes of /api/v1/context/bcm (libs/api/bcm).

/** The outcome of the workspace's last rebuild: idle (last one succeeded or none ran), running, or failed. */
export type BcmRebuildStatus = 'idle' | 'rebuilding' | 'failed';

/** GET /api/v1/context/bcm */
export interface BcmResponse {
  /** The latest manifest; null until the first rebuild succeeds. */
  manifest: BusinessContextManifest | null;
  freshness: BcmFreshness;
  status: BcmRebuildStatus;
  /** Why the last rebuild failed (the last good manifest is still served). */
  lastError: string | null;
  /** Version of the latest finalized business_context, null before onboarding is finalized. */
  contextVersion: number | null;
  /** Optional AI suggestions for this manifest, outside its checksum; null when off, failed or not there yet. */
  enrichment: BcmEnrichment | null;
  /** Suggestions may still arrive for this manifest (a model is configured and still within its time limit). */
  enrichmentPending: boolean;
}

/** AI extras stored beside a manifest (never inside its checksummed content); suggestions only. */
export interface BcmEnrichment {
  /** Which model wrote them, e.g. "vertex-ai/gemini-2.5-flash". */
  provider: string;
  positioningRewrite?: string;
  moveIdeas?: string[];
}

/** One row of GET /api/v1/context/bcm/versions (newest first). */
export interface BcmVersionSummary {
  version: number;
  checksum: string;
  sourceContextVersion: number;
  schemaVersion: number;
  createdAt: string;
}

/** POST /api/v1/context/bcm/rebuild (202). Concurrent requests share one job id. */
export interface BcmRebuildResponse {
  jobId: string;
  status: 'queued';
}
