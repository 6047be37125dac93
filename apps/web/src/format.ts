const whole = new Intl.NumberFormat('en-GB', { maximumFractionDigits: 2 });

/** Numbers in full, grouped: 1,357 (never 1.4k). */
export const num = (n: number | null | undefined) => (n === null || n === undefined ? '—' : whole.format(n));
export const pct = (share: number | null | undefined) => (share === null || share === undefined ? '—' : `${whole.format(Math.round(share * 1000) / 10)}%`);
export const day = (iso: string | null | undefined) => (iso ? iso.slice(0, 10) : '—');
export const stamp = (iso: string | null | undefined) => (iso ? iso.replace('T', ' ').slice(0, 19) + ' UTC' : '—');
export const unitLabel: Record<string, string> = { count: 'items', percent: '%', seconds: 'seconds', rate: 'per week' };
