/** Stream categories: `<category>-<id>`, never a dash inside the category. */
export const STREAM_CATEGORIES = ['indicator', 'backlogItem', 'recoveryPlan', 'partner', 'workforce'] as const;
export type StreamCategory = (typeof STREAM_CATEGORIES)[number];

export const WORKFORCE_STREAM_ID = 'main';

export const indicatorStream = (indicatorId: string): string => `indicator-${indicatorId}`;

/** The event store's longest stream name. */
const MAX_STREAM_NAME = 255;

/** cyrb128: 128 bits from four 32-bit lanes; names only refs too long to spell out. */
const hash128 = (text: string): string => {
  let [h1, h2, h3, h4] = [1779033703, 3144134277, 1013904242, 2773480762];
  for (let i = 0; i < text.length; i++) {
    const k = text.charCodeAt(i);
    h1 = h2 ^ Math.imul(h1 ^ k, 597399067);
    h2 = h3 ^ Math.imul(h2 ^ k, 2869860233);
    h3 = h4 ^ Math.imul(h3 ^ k, 951274213);
    h4 = h1 ^ Math.imul(h4 ^ k, 2716044179);
  }
  h1 = Math.imul(h3 ^ (h1 >>> 18), 597399067);
  h2 = Math.imul(h4 ^ (h2 >>> 22), 2869860233);
  h3 = Math.imul(h1 ^ (h3 >>> 17), 951274213);
  h4 = Math.imul(h2 ^ (h4 >>> 19), 2716044179);
  h1 ^= h2 ^ h3 ^ h4;
  h2 ^= h1;
  h3 ^= h1;
  h4 ^= h1;
  return [h1, h2, h3, h4].map((h) => (h >>> 0).toString(16).padStart(8, '0')).join('');
};

/**
 * One stream per backlog item: `backlogItem-<indicatorId>:<ref>`, a ref's characters that a
 * stream name may not hold (and the colon) written `:` and four hex digits, so two refs never
 * share a stream (indicator ids hold no colon). A ref too long to spell out within the store's
 * 255 characters is named by a hash after a double colon, which no spelt-out ref begins with.
 */
export const backlogItemStream = (indicatorId: string, ref: string): string => {
  const spelt = ref.replace(/[^A-Za-z0-9_.@+-]/g, (c) => `:${c.charCodeAt(0).toString(16).padStart(4, '0')}`);
  const name = `backlogItem-${indicatorId}:${spelt}`;
  return name.length <= MAX_STREAM_NAME ? name : `backlogItem-${indicatorId}::${hash128(ref)}`;
};

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
