// The command line of the same-run A/B scripts (ab-clean, ab-html, ab-pipeline): `--name=value`
// flags, and the two builds compared, --a and --b (built checkouts; this one when left out).
import { resolve } from 'node:path';

/** { flag(name) → the value of --name=… or undefined, roots: { A, B } } for argv (without node and the script). */
export function abArgs(argv, here) {
  const flag = (name) => argv.find((a) => a.startsWith(`--${name}=`))?.slice(name.length + 3);
  return { flag, roots: { A: resolve(flag('a') ?? here), B: resolve(flag('b') ?? here) } };
}
