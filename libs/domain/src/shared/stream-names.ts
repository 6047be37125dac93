/** Stream categories: `<category>-<id>`, never a dash inside the category. */
export const STREAM_CATEGORIES = ['indicator', 'recoveryPlan', 'partner', 'workforce'] as const;
export type StreamCategory = (typeof STREAM_CATEGORIES)[number];

export const WORKFORCE_STREAM_ID = 'main';

export const indicatorStream = (indicatorId: string): string => `indicator-${indicatorId}`;

export const recoveryPlanStream = (planId: string): string => `recoveryPlan-${planId}`;

export const partnerStream = (partnerId: string): string => `partner-${partnerId}`;

/** Workforce measures are one stream per organisation. */
export const workforceStream = (organisation: string = WORKFORCE_STREAM_ID): string =>
  `workforce-${organisation}`;

export interface ParsedStreamName {
  category: StreamCategory;
  id: string;
}

/** Splits at the first dash; ids may contain dashes, categories may not. */
export const parseStreamName = (streamName: string): ParsedStreamName | undefined => {
  const dash = streamName.indexOf('-');
  if (dash <= 0 || dash === streamName.length - 1) return undefined;
  const category = streamName.slice(0, dash) as StreamCategory;
  if (!STREAM_CATEGORIES.includes(category)) return undefined;
  return { category, id: streamName.slice(dash + 1) };
};

export const streamCategory = (streamName: string): StreamCategory | undefined =>
  parseStreamName(streamName)?.category;

/** The id inside a stream of the given category, or `undefined` for another category. */
export const idInStream = (streamName: string, category: StreamCategory): string | undefined => {
  const parsed = parseStreamName(streamName);
  return parsed?.category === category ? parsed.id : undefined;
};
