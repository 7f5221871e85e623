import type { DayParts } from '../calendar.js';

/** What every HTML date source is given besides the scan. */
export interface HtmlDateContext {
  reference: DayParts | null;
  /** Original referenceDate option (relative dates). */
  referenceDate?: string;
  /** Numeric order of ambiguous dates on this page (see day-order.ts). */
  dayFirst: boolean | undefined;
}

export const roundConfidence = (x: number): number => Math.round(Math.min(1, Math.max(0, x)) * 1000) / 1000;
