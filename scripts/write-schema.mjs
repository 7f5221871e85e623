#!/usr/bin/env node
// `npm run schema`: writes the JSON Schemas of the records downstream programs read, from
// the zod schemas in src/schemas (the single source of truth), via zod 4's z.toJSONSchema.
import { mkdirSync, writeFileSync } from 'node:fs';
import { dirname, join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { z } from 'zod';
import { CleanRecord, RejectionRecord, SCHEMA_VERSION } from '../dist/schemas/index.js';

const outDir = join(resolve(dirname(fileURLToPath(import.meta.url)), '..'), 'schemas');
mkdirSync(outDir, { recursive: true });

const targets = [
  { file: 'clean-record.schema.json', schema: CleanRecord, title: 'scour clean record', description: 'One cleaned article (records/<id>.json and the CLI output).' },
  { file: 'rejection-record.schema.json', schema: RejectionRecord, title: 'scour rejection record', description: 'Why an input produced no record (rejected/<id>.json).' },
];

for (const { file, schema, title, description } of targets) {
  const { $schema, ...body } = z.toJSONSchema(schema, { io: 'output' });
  const json = { $schema, $id: `https://scour.invalid/schemas/v${SCHEMA_VERSION}/${file}`, title, description, ...body };
  writeFileSync(join(outDir, file), `${JSON.stringify(json, null, 2)}\n`);
  console.log(`wrote schemas/${file}`);
}
