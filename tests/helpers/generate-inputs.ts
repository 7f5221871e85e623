import { createHash } from 'node:crypto';

const PLACES = ['ISLAMABAD', 'KABUL', 'LAHORE', 'KARACHI', 'PESHAWAR', 'QUETTA', 'MOSCOW', 'BEIJING'];
const SUBJECTS = ['Foreign Minister', 'The delegation', 'Officials', 'The spokesperson', 'Senior diplomats', 'The committee'];
const VERBS = ['stressed', 'discussed', 'reviewed', 'welcomed', 'underlined', 'examined'];
const OBJECTS = [
  'the importance of regional connectivity and trade corridors',
  'steps to improve border management and refugee returns',
  'the progress of the peace process and the next round of talks',
  'cooperation on health, education and energy projects',
  'measures to expand investment and people-to-people contacts',
];

/** A small deterministic generator, so a failing run can be reproduced. */
function pick<T>(items: readonly T[], n: number): T {
  return items[n % items.length]!;
}

/**
 * A plain-text news dump shaped like the seeds (date header, dateline, paragraphs), unique
 * per index; every tenth one is page furniture only, which a cleaner should reject.
 */
export function generatedInput(index: number): string {
  if (index % 10 === 9) return `Skip to main content\nHome\nNews\nSports\nContact us\nitem ${index}\n`;
  const day = String((index % 28) + 1).padStart(2, '0');
  const place = pick(PLACES, index);
  const paragraphs = Array.from({ length: 4 + (index % 3) }, (_, p) => {
    const n = index * 7 + p;
    return `${pick(SUBJECTS, n)} ${pick(VERBS, n + 1)} ${pick(OBJECTS, n + 2)} during the meeting number ${index}-${p}, ` +
      `and agreed that both sides would continue consultations on ${pick(OBJECTS, n + 3)} in the coming weeks.`;
  });
  return [`date 2021-07-${day}`, '', `Talks in ${place} focus on cooperation, report ${index}`, '', `${place}: ${paragraphs[0]}`, '', ...paragraphs.slice(1).flatMap((p) => [p, ''])].join('\n');
}

export const sha256 = (data: string | Uint8Array): string => createHash('sha256').update(data).digest('hex');
