/** Publication dates: parsing date expressions, and candidates from text blocks and HTML pages. */
export type { ParsedDate, DateParseOptions } from './parsed-date.js';
export { findDates, parseDate } from './find-dates.js';
export { textDateCandidates, type TextDateOptions } from './text-candidates.js';
export { inferDayFirst } from './day-order.js';
export { htmlDateCandidates, type HtmlDateOptions } from './html/html-candidates.js';
export { pageUrl } from '../page/page-url.js';
