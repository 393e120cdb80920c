// TypeScript shapes of the onboarding answers and API. They mirror onboarding.catalog.ts; the spec validates
// SAMPLE_BUSINESS_CONTEXT (typed as BusinessContextData) against the catalog's schema so the two cannot drift.
import type { OnboardingStatus } from '../auth.contracts';
import type { OnboardingStep, StepId } from './onboarding.catalog';
import type {
  AssetKind,
  Channel,
  CompetitorType,
  ContentFormat,
  GoalType,
  Industry,
  PricingModel,
  RelativePrice,
  Segment,
  Stage,
} from './onboarding.options';

export interface CompanyAnswers {
  companyName: string;
  website?: string;
  industry: Industry;
  country?: string;
  foundedYear?: number;
}

export interface StageAnswers {
  stage: Stage;
  teamSize: number;
  founderRole?: string;
}

export interface OfferingAnswers {
  productName: string;
  oneLiner: string;
  category?: string;
  pricingModel?: PricingModel;
  pricePoint?: string;
}

export interface ProblemAnswers {
  problemSolved: string;
  whoFeelsItMost?: string;
  currentAlternatives?: string;
}

export interface OutcomesAnswers {
  outcomes: string[];
  proofPoints?: string[];
}

export interface IcpProfileAnswers {
  name: string;
  segment: Segment;
  sizeOrDemographics?: string;
  role?: string;
  industries?: Industry[];
  geographies?: string[];
}

export interface IcpPainsAnswers {
  pains: string[];
  goals?: string[];
  triggers?: string[];
  objections?: string[];
}

export type SecondaryIcpAnswers = IcpProfileAnswers & IcpPainsAnswers;

export interface IcpSecondaryAnswers {
  profiles?: SecondaryIcpAnswers[];
}

export interface JobsAnswers {
  functional: string;
  emotional?: string;
  social?: string;
}

export interface BuyingAnswers {
  decisionMakers?: string[];
  salesCycleDays?: number;
  whereBuyersLook?: string[];
}

export interface CompetitorAnswers {
  name: string;
  url?: string;
  type?: CompetitorType;
  strength?: string;
  weakness?: string;
}

export interface CompetitorsAnswers {
  competitors: CompetitorAnswers[];
}

export interface DifferentiationAnswers {
  uniqueMechanism: string;
  whyWin?: string;
  whyLose?: string;
}

export interface PositioningAnswers {
  category: string;
  target: string;
  valueProposition: string;
}

export interface PricingPositionAnswers {
  relativePrice?: RelativePrice;
  packaging?: string;
}

export interface VoiceAnswers {
  toneAttributes: string[];
  wordsToUse?: string[];
  wordsToAvoid?: string[];
}

export interface MessagingAnswers {
  tagline?: string;
  keyMessages?: string[];
  elevatorPitch?: string;
}

export interface AssetAnswers {
  kind: AssetKind;
  title?: string;
  url: string;
}

export interface AssetsAnswers {
  assets?: AssetAnswers[];
}

export interface ChannelRating {
  channel: Channel;
  /** 1 (poor) to 5 (works very well). */
  rating: number;
}

export interface ChannelsAnswers {
  channelsInUse: ChannelRating[];
  channelsOfInterest?: Channel[];
}

export interface ContentAnswers {
  formats?: ContentFormat[];
  piecesPerWeek: number;
}

export interface ResourcesAnswers {
  monthlyBudgetInr: number;
  hoursPerWeek: number;
  tools?: string[];
}

export interface MetricsAnswers {
  monthlyVisitors?: number;
  leadsPerMonth?: number;
  /** Percent, 0-100. */
  conversionRate?: number;
  cacInr?: number;
  mrrInr?: number;
}

export interface GoalsAnswers {
  primaryGoal: GoalType;
  target: number;
  /** ISO date, YYYY-MM-DD. */
  deadline?: string;
}

export interface ReviewAnswers {
  constraints?: string;
  risks?: string;
  confirmation: true;
}

/** The finalized `business_context`: one property per step; optional steps may be absent. */
export interface BusinessContextData {
  company: CompanyAnswers;
  stage: StageAnswers;
  offering: OfferingAnswers;
  problem: ProblemAnswers;
  outcomes: OutcomesAnswers;
  icp_primary: IcpProfileAnswers;
  icp_pains: IcpPainsAnswers;
  icp_secondary?: IcpSecondaryAnswers;
  jobs: JobsAnswers;
  buying?: BuyingAnswers;
  competitors: CompetitorsAnswers;
  differentiation: DifferentiationAnswers;
  positioning: PositioningAnswers;
  pricing_position?: PricingPositionAnswers;
  voice: VoiceAnswers;
  messaging?: MessagingAnswers;
  assets?: AssetsAnswers;
  channels: ChannelsAnswers;
  content: ContentAnswers;
  resources: ResourcesAnswers;
  metrics?: MetricsAnswers;
  goals: GoalsAnswers;
  review: ReviewAnswers;
}

/** Answers of one step as a draft may hold them (any field may still be missing). */
export type StepAnswers<S extends StepId = StepId> = Partial<NonNullable<BusinessContextData[S]>>;

/** Draft answers keyed by step. */
export type OnboardingAnswers = { [S in StepId]?: StepAnswers<S> };

/** GET /onboarding: everything the wizard needs to render and resume. */
export interface OnboardingState {
  steps: readonly OnboardingStep[];
  answers: OnboardingAnswers;
  completedSteps: StepId[];
  /** The first step not yet completed (or 'review' when all are). */
  currentStep: StepId;
  /** Share of steps completed, 0..1. */
  progress: number;
  status: OnboardingStatus;
  /** Version of the latest finalized business_context, null before the first finalize. */
  contextVersion: number | null;
  /** ISO time of the last saved draft, null when nothing was saved. */
  updatedAt: string | null;
}

/** PUT /onboarding/steps/:stepId */
export interface SaveStepRequest<S extends StepId = StepId> {
  answers: StepAnswers<S>;
  /** false keeps the step as a draft (partial validation); true (default) validates fully and marks it completed. */
  complete?: boolean;
}

export interface SaveStepResponse {
  stepId: StepId;
  completed: boolean;
  state: OnboardingState;
}

/** POST /onboarding/finalize */
export interface FinalizeOnboardingResponse {
  contextVersion: number;
  state: OnboardingState;
}

/** One problem with an answer; `path` is e.g. 'competitors.competitors[2].name'. */
export interface OnboardingFieldError {
  path: string;
  stepId: string;
  /** The step-level field key ('' when the whole step is at fault). */
  field: string;
  message: string;
}

export interface OnboardingValidationResult {
  valid: boolean;
  errors: OnboardingFieldError[];
}

/** `details` of the API error returned when answers are invalid. */
export interface OnboardingValidationErrorDetails {
  errors: OnboardingFieldError[];
}
