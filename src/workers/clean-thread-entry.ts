// The module a clean thread runs (see clean-thread.ts): the pure cleaner behind a message port.
import { clean } from '../clean/index.js';
import { serveCleanRequests } from './clean-thread-protocol.js';

serveCleanRequests(clean);
