// Weekly move suggestions (domain.md "Moves"): pure and deterministic, manifest + week in, moves out.
import { BcmIcp, BusinessContextManifest, Channel, CHANNEL_OPTIONS, GoalType, MOVE_LIMITS, MoveType } from '@raptorflow/contracts';
import { isIsoMonday, weekIndex } from './moves.week';

export interface SuggestedMove {
  /** `<icpId>:<channel>:<type>`: the same action for the same profile keeps its key week after week. */
  suggestionKey: string;
  week: string;
  title: string;
  icpId: string;
  channel: Channel;
  type: MoveType;
  effortHours: number;
  expectedOutcome: string;
}

interface ChannelPlay {
  type: MoveType;
  effortHours: number;
  /** {icp}, {pain} and {channel} are filled in. */
  title: string;
}

/** What one move on each channel is: its type, a realistic effort for a small team, and the action. */
export const CHANNEL_PLAYS: Record<Channel, ChannelPlay> = {
  linkedin: { type: 'content', effortHours: 2, title: 'Write a LinkedIn post for {icp} on "{pain}"' },
  'x-twitter': { type: 'content', effortHours: 1.5, title: 'Post an X thread for {icp} on "{pain}"' },
  instagram: { type: 'content', effortHours: 2, title: 'Publish an Instagram carousel for {icp} on "{pain}"' },
  youtube: { type: 'content', effortHours: 4, title: 'Record a short YouTube video for {icp} on "{pain}"' },
  facebook: { type: 'content', effortHours: 1.5, title: 'Share a Facebook post for {icp} on "{pain}"' },
  whatsapp: { type: 'outreach', effortHours: 1.5, title: 'Message 10 {icp} contacts on WhatsApp about "{pain}"' },
  email: { type: 'content', effortHours: 2.5, title: 'Send a newsletter to {icp} on "{pain}"' },
  'cold-outreach': { type: 'outreach', effortHours: 2, title: 'Reach out to 15 {icp} prospects about "{pain}"' },
  seo: { type: 'content', effortHours: 4, title: 'Publish a blog article for {icp} on "{pain}"' },
  'paid-search': { type: 'ads', effortHours: 2, title: 'Run a search ad test for {icp} searching about "{pain}"' },
  'paid-social': { type: 'ads', effortHours: 2, title: 'Run a paid social test aimed at {icp} on "{pain}"' },
  communities: { type: 'community', effortHours: 1.5, title: 'Answer 5 questions from {icp} in communities about "{pain}"' },
  events: { type: 'community', effortHours: 3, title: 'Meet {icp} at an event and talk about "{pain}"' },
  webinars: { type: 'content', effortHours: 4, title: 'Host a webinar for {icp} on "{pain}"' },
  podcasts: { type: 'partnership', effortHours: 2, title: 'Pitch a podcast guest spot to reach {icp} on "{pain}"' },
  partnerships: { type: 'partnership', effortHours: 2, title: 'Propose a co-marketing partnership reaching {icp} about "{pain}"' },
  referrals: { type: 'outreach', effortHours: 1, title: 'Ask 5 happy customers to refer a {icp} who faces "{pain}"' },
  pr: { type: 'outreach', effortHours: 2, title: 'Pitch a story to media {icp} read, on "{pain}"' },
  marketplaces: { type: 'product', effortHours: 2, title: 'Improve the marketplace listing for {icp} around "{pain}"' },
  'product-led': { type: 'product', effortHours: 3, title: 'Improve the free-plan onboarding for {icp} around "{pain}"' },
};

/** What a move should achieve, by the manifest's primary 90-day goal. */
export const GOAL_OUTCOMES: Record<GoalType, string> = {
  awareness: 'More {icp} hear of {product} on {channel}: track reach and new followers.',
  leads: 'New leads from {icp} on {channel}, toward the goal of {target} leads.',
  revenue: 'Sales conversations with {icp} from {channel}, toward {target} in revenue.',
  retention: 'Existing {icp} customers re-engaged on {channel}, toward {target} retained.',
};

// Used when a manifest has no hours budget; a founder's spare marketing time in a typical week.
export const DEFAULT_HOURS_PER_WEEK = 6;
// Beyond this a weekly list stops being a plan; the rest waits for next week.
export const MAX_MOVES_PER_WEEK = 8;

// Ranking weights: a profile's priority counts most, then the channel's rating, then the profile's preference.
const RATING_WEIGHT = 10;
const PREFERRED_BONUS = 10;
const UNRATED_CANDIDATE_RATING = 2;

interface Candidate {
  icp: BcmIcp;
  icpRank: number;
  channel: Channel;
  channelRank: number;
  score: number;
}

/**
 * Suggests the week's moves: every top profile x channel pair ranked by profile priority, channel rating and
 * preference, taken best first while they fit the weekly hours (and content pieces) budget.
 */
export function suggestMoves(manifest: BusinessContextManifest, week: string): SuggestedMove[] {
  if (!isIsoMonday(week)) throw new RangeError(`week must be a Monday (YYYY-MM-DD), got ${week}`);
  const budget = weeklyHoursBudget(manifest);
  const contentCap = manifest.constraints?.piecesPerWeek ?? Infinity;

  let hoursLeft = budget;
  let contentLeft = contentCap;
  const picked: Candidate[] = [];
  for (const candidate of rankCandidates(manifest)) {
    if (picked.length >= MAX_MOVES_PER_WEEK) break;
    const play = CHANNEL_PLAYS[candidate.channel];
    if (play.effortHours > hoursLeft || (play.type === 'content' && contentLeft < 1)) continue;
    hoursLeft -= play.effortHours;
    if (play.type === 'content') contentLeft -= 1;
    picked.push(candidate);
  }

  // Each profile's pains take turns across its moves, shifted by the week so consecutive weeks differ.
  const movesPerIcp = new Map<string, number>();
  return picked.map(({ icp, channel }) => {
    const play = CHANNEL_PLAYS[channel];
    const nth = movesPerIcp.get(icp.id) ?? 0;
    movesPerIcp.set(icp.id, nth + 1);
    const pains = icp.topPains.length ? icp.topPains : [manifest.offering.problem];
    const pain = pains[(nth + weekIndex(week)) % pains.length];
    const values = { icp: icp.name, pain, channel: channelLabel(channel), product: manifest.offering.product, target: String(manifest.goals.target) };
    return {
      suggestionKey: `${icp.id}:${channel}:${play.type}`,
      week,
      title: fitTemplate(play.title, values, 'pain', MOVE_LIMITS.title),
      icpId: icp.id,
      channel,
      type: play.type,
      effortHours: play.effortHours,
      expectedOutcome: fitTemplate(GOAL_OUTCOMES[manifest.goals.primary], values, 'icp', MOVE_LIMITS.expectedOutcome),
    };
  });
}

/** The hours a week of suggestions may take: the manifest's budget, or the default without one. */
export function weeklyHoursBudget(manifest: BusinessContextManifest): number {
  const hours = manifest.constraints?.hoursPerWeek;
  return typeof hours === 'number' && hours > 0 ? hours : DEFAULT_HOURS_PER_WEEK;
}

function rankCandidates(manifest: BusinessContextManifest): Candidate[] {
  const icps = [...manifest.icps].map((icp, index) => ({ icp, index })).sort((a, b) => b.icp.priorityScore - a.icp.priorityScore || a.index - b.index);
  const active = manifest.channels.active.map(({ channel, rating }) => ({ channel, rating }));
  // Without channels in use, the ones the founder wants to try stand in.
  const channels = active.length ? active : (manifest.channels.candidates ?? []).map((channel) => ({ channel, rating: UNRATED_CANDIDATE_RATING }));

  const candidates: Candidate[] = [];
  icps.forEach(({ icp }, icpRank) =>
    channels.forEach(({ channel, rating }, channelRank) => {
      if (!CHANNEL_PLAYS[channel]) return;
      const preferred = icp.preferredChannels?.includes(channel) ? PREFERRED_BONUS : 0;
      candidates.push({ icp, icpRank, channel, channelRank, score: icp.priorityScore + rating * RATING_WEIGHT + preferred });
    }),
  );
  return candidates.sort((a, b) => b.score - a.score || a.icpRank - b.icpRank || a.channelRank - b.channelRank);
}

function channelLabel(channel: Channel): string {
  return CHANNEL_OPTIONS.find((option) => option.value === channel)?.label ?? channel;
}

/** Fills {placeholders}; when the text is too long, shortens the `flexible` value at a word boundary to fit. */
function fitTemplate(template: string, values: Record<string, string>, flexible: string, max: number): string {
  const fill = (v: Record<string, string>) => template.replace(/\{(\w+)\}/g, (_, key: string) => v[key] ?? '');
  const full = fill(values);
  if (full.length <= max) return full;
  const room = Math.max(8, values[flexible].length - (full.length - max) - 1);
  const shortened = fill({ ...values, [flexible]: `${trimAtWord(values[flexible], room)}…` });
  return shortened.length <= max ? shortened : trimAtWord(shortened, max - 1) + '…';
}

function trimAtWord(text: string, max: number): string {
  if (text.length <= max) return text;
  const cut = text.slice(0, max);
  const space = cut.lastIndexOf(' ');
  return (space > max / 2 ? cut.slice(0, space) : cut).trimEnd();
}
