const ESCAPES: Record<string, string> = { '&': '&amp;', '<': '&lt;', '>': '&gt;', '"': '&quot;', "'": '&#39;' };

/** Text safe inside HTML and SVG elements and attributes. */
export const esc = (value: unknown): string => String(value ?? '').replace(/[&<>"']/g, (c) => ESCAPES[c]);

/** Numbers in full with thousands separators (1,357, never 1.4k); at most two decimals. No locale, so no drift. */
export function num(value: number | null | undefined): string {
  if (value === null || value === undefined || !Number.isFinite(value)) return '–';
  const rounded = Math.round(value * 100) / 100;
  const [whole, fraction] = Math.abs(rounded).toString().split('.');
  const grouped = whole.replace(/\B(?=(\d{3})+(?!\d))/g, ',');
  return `${rounded < 0 ? '−' : ''}${grouped}${fraction ? `.${fraction}` : ''}`;
}

export const percent = (share: number | null | undefined): string => (share === null || share === undefined ? '–' : `${num(share * 100)} %`);

/** A UTC day (YYYY-MM-DD) from an ISO instant or day. */
export const day = (iso: string | null | undefined): string => (iso ? iso.slice(0, 10) : '–');

const MONTHS = ['Jan', 'Feb', 'Mar', 'Apr', 'May', 'Jun', 'Jul', 'Aug', 'Sep', 'Oct', 'Nov', 'Dec'];

/** 15 Nov 2019, from a day or instant, in UTC. */
export function longDay(iso: string | null | undefined): string {
  if (!iso) return '–';
  const [y, m, d] = iso.slice(0, 10).split('-').map(Number);
  return `${d} ${MONTHS[m - 1]} ${y}`;
}

export const monthLabel = (y: number, m: number) => `${MONTHS[m]} ${String(y).slice(2)}`;
