// Runs one of the bench's measuring scripts in a fresh node process on staged files: the
// script is called as `node SCRIPT DIST DIR LIST` (LIST: a JSON file of the file names, written
// here and removed after) and prints its figure on stdout, which is returned parsed as JSON.
import { execFile } from 'node:child_process';
import { rmSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { promisify } from 'node:util';

export async function measureInFreshProcess(script, dist, dir, files) {
  const list = join(dir, `.measure-${process.pid}-${Date.now()}.json`);
  writeFileSync(list, JSON.stringify(files.map((f) => f.name)));
  try {
    const { stdout } = await promisify(execFile)(process.execPath, [script, dist, dir, list], { maxBuffer: 1 << 20 });
    return JSON.parse(stdout);
  } finally {
    rmSync(list, { force: true });
  }
}
