// `node --import ./tests/helpers/trace-imports.mjs …`: writes "scour-import <url>" to stderr for
// every module the process resolves, so a test can check what a command loads.
import { register } from 'node:module';

register(new URL('./trace-imports-hooks.mjs', import.meta.url));
