// Choice lists used by the onboarding catalog and by the BCM types; values are stored, labels are shown.

export interface FieldOption<V extends string = string> {
  value: V;
  label: string;
}

export const INDUSTRY_OPTIONS = [
  { value: 'saas', label: 'SaaS / software' },
  { value: 'fintech', label: 'Fintech' },
  { value: 'edtech', label: 'Edtech' },
  { value: 'healthtech', label: 'Healthtech' },
  { value: 'ecommerce-d2c', label: 'E-commerce / D2C' },
  { value: 'marketplace', label: 'Marketplace' },
  { value: 'ai-ml', label: 'AI / ML' },
  { value: 'developer-tools', label: 'Developer tools' },
  { value: 'cybersecurity', label: 'Cybersecurity' },
  { value: 'hr-tech', label: 'HR tech' },
  { value: 'legal-tech', label: 'Legal tech' },
  { value: 'agritech', label: 'Agritech' },
  { value: 'cleantech', label: 'Cleantech / energy' },
  { value: 'logistics', label: 'Logistics' },
  { value: 'manufacturing', label: 'Manufacturing' },
  { value: 'real-estate', label: 'Real estate' },
  { value: 'travel-hospitality', label: 'Travel & hospitality' },
  { value: 'food-beverage', label: 'Food & beverage' },
  { value: 'media-entertainment', label: 'Media & entertainment' },
  { value: 'gaming', label: 'Gaming' },
  { value: 'agency-services', label: 'Agency / services' },
  { value: 'consulting', label: 'Consulting' },
  { value: 'nonprofit', label: 'Non-profit' },
  { value: 'other', label: 'Other' },
] as const satisfies readonly FieldOption[];
export type Industry = (typeof INDUSTRY_OPTIONS)[number]['value'];

export const STAGE_OPTIONS = [
  { value: 'idea', label: 'Idea' },
  { value: 'pre-revenue', label: 'Pre-revenue' },
  { value: 'early-revenue', label: 'Early revenue' },
  { value: 'growth', label: 'Growth' },
] as const satisfies readonly FieldOption[];
export type Stage = (typeof STAGE_OPTIONS)[number]['value'];

export const PRICING_MODEL_OPTIONS = [
  { value: 'subscription', label: 'Subscription' },
  { value: 'one-time', label: 'One-time purchase' },
  { value: 'usage', label: 'Usage-based' },
  { value: 'services', label: 'Services / retainer' },
] as const satisfies readonly FieldOption[];
export type PricingModel = (typeof PRICING_MODEL_OPTIONS)[number]['value'];

export const SEGMENT_OPTIONS = [
  { value: 'B2B', label: 'B2B' },
  { value: 'B2C', label: 'B2C' },
  { value: 'B2B2C', label: 'B2B2C' },
] as const satisfies readonly FieldOption[];
export type Segment = (typeof SEGMENT_OPTIONS)[number]['value'];

export const COMPETITOR_TYPE_OPTIONS = [
  { value: 'direct', label: 'Direct' },
  { value: 'indirect', label: 'Indirect' },
] as const satisfies readonly FieldOption[];
export type CompetitorType = (typeof COMPETITOR_TYPE_OPTIONS)[number]['value'];

export const RELATIVE_PRICE_OPTIONS = [
  { value: 'budget', label: 'Budget' },
  { value: 'mid', label: 'Mid-market' },
  { value: 'premium', label: 'Premium' },
] as const satisfies readonly FieldOption[];
export type RelativePrice = (typeof RELATIVE_PRICE_OPTIONS)[number]['value'];

export const GOAL_TYPE_OPTIONS = [
  { value: 'awareness', label: 'Awareness' },
  { value: 'leads', label: 'Leads' },
  { value: 'revenue', label: 'Revenue' },
  { value: 'retention', label: 'Retention' },
] as const satisfies readonly FieldOption[];
export type GoalType = (typeof GOAL_TYPE_OPTIONS)[number]['value'];

export const CHANNEL_OPTIONS = [
  { value: 'linkedin', label: 'LinkedIn' },
  { value: 'x-twitter', label: 'X (Twitter)' },
  { value: 'instagram', label: 'Instagram' },
  { value: 'youtube', label: 'YouTube' },
  { value: 'facebook', label: 'Facebook' },
  { value: 'whatsapp', label: 'WhatsApp' },
  { value: 'email', label: 'Email newsletter' },
  { value: 'cold-outreach', label: 'Cold outreach' },
  { value: 'seo', label: 'SEO / blog' },
  { value: 'paid-search', label: 'Paid search' },
  { value: 'paid-social', label: 'Paid social' },
  { value: 'communities', label: 'Communities' },
  { value: 'events', label: 'Events & meetups' },
  { value: 'webinars', label: 'Webinars' },
  { value: 'podcasts', label: 'Podcasts' },
  { value: 'partnerships', label: 'Partnerships' },
  { value: 'referrals', label: 'Referrals' },
  { value: 'pr', label: 'PR & media' },
  { value: 'marketplaces', label: 'Marketplaces / app stores' },
  { value: 'product-led', label: 'Product-led (free plan, trials)' },
] as const satisfies readonly FieldOption[];
export type Channel = (typeof CHANNEL_OPTIONS)[number]['value'];

export const CONTENT_FORMAT_OPTIONS = [
  { value: 'social-post', label: 'Social posts' },
  { value: 'carousel', label: 'Carousels' },
  { value: 'thread', label: 'Threads' },
  { value: 'blog-post', label: 'Blog posts' },
  { value: 'newsletter', label: 'Newsletters' },
  { value: 'short-video', label: 'Short videos' },
  { value: 'long-video', label: 'Long videos' },
  { value: 'podcast', label: 'Podcast episodes' },
  { value: 'webinar', label: 'Webinars' },
  { value: 'case-study', label: 'Case studies' },
  { value: 'ebook', label: 'E-books / guides' },
  { value: 'infographic', label: 'Infographics' },
] as const satisfies readonly FieldOption[];
export type ContentFormat = (typeof CONTENT_FORMAT_OPTIONS)[number]['value'];

export const ASSET_KIND_OPTIONS = [
  { value: 'website', label: 'Website' },
  { value: 'deck', label: 'Pitch / sales deck' },
  { value: 'case-study', label: 'Case study' },
  { value: 'video', label: 'Video' },
  { value: 'blog', label: 'Blog / articles' },
  { value: 'social-profile', label: 'Social profile' },
  { value: 'other', label: 'Other' },
] as const satisfies readonly FieldOption[];
export type AssetKind = (typeof ASSET_KIND_OPTIONS)[number]['value'];
