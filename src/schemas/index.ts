export * from './clean-record.js';
export * from './rejection.js';
export * from './job.js';
