#!/usr/bin/env node
// Thin launcher: the CLI is compiled TypeScript in dist/ (npm ci runs the build via "prepare").
import { main } from '../dist/cli/main.js';

main(process.argv).catch((err) => {
  process.stderr.write(`scour: ${err instanceof Error ? err.message : String(err)}\n`);
  process.exit(1);
});
