/** The record stream: one event per output, written by producers and workers, read by the dashboard and downstream programs. */
export { appendRecordEvent, type AppendOnce } from './append-record-event.js';
export { currentTop, isCursor, parseEntries, readAfter, readBefore, type Page, type PageOptions, type StatusFilter } from './read-record-stream.js';
export {
  DETAIL_FIELDS,
  EVENT_TITLE_CHARS,
  eventDetailsOf,
  outputKindOf,
  parseRecordEvent,
  RECORD_STATUSES,
  RECORDS_STREAM_MAX_LEN,
  recordsStreamKey,
  type RecordEvent,
  type RecordEventDetails,
  type ParsedRecordEvent,
  type RecordStatus,
  type StreamEvent,
} from './record-event.js';
