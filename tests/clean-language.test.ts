import { describe, expect, it } from 'vitest';
import { clean } from '../src/clean/index.js';
import { detectLanguage } from '../src/clean/language.js';

const options = { processedAt: '2026-11-23T00:00:00.000Z' };
const run = (text: string, name: string) => {
  const result = clean({ bytes: Buffer.from(text), name, receivedAt: options.processedAt }, options);
  if (!result.ok) throw new Error(`rejected: ${result.reason} ${result.detail}`);
  return result.record;
};

const GERMAN = [
  'Die Stadtverwaltung hat am Dienstag beschlossen, den Haushalt für das kommende Jahr deutlich zu erhöhen.',
  'Viele Bürgerinnen und Bürger hatten sich in den vergangenen Wochen über die schlechten Straßen beschwert.',
  'Der Bürgermeister sagte, man werde die Mittel vor allem für Schulen und Radwege ausgeben.',
  'Die Opposition kritisierte den Plan als zu teuer und forderte eine genaue Prüfung der Kosten.',
];
const FRENCH = [
  'Le conseil municipal a voté mardi une hausse importante du budget pour l’année prochaine.',
  'De nombreux habitants s’étaient plaints ces dernières semaines du mauvais état des routes.',
  'Le maire a déclaré que les fonds serviraient surtout aux écoles et aux pistes cyclables.',
  'L’opposition a jugé le projet trop coûteux et demandé un examen précis des dépenses.',
];

describe('the record language', () => {
  it('is detected from the body of a text dump, which never declares one', () => {
    expect(run(`Haushalt der Stadt steigt\n\n${GERMAN.join('\n\n')}\n`, 'story.txt').language).toBe('de');
    expect(run(`Le budget de la ville augmente\n\n${FRENCH.join('\n\n')}\n`, 'story.txt').language).toBe('fr');
  });

  it('is what an HTML page declares (lang, content-language, og:locale), else the body’s', () => {
    const page = (head: string, htmlAttrs: string) =>
      `<!doctype html><html ${htmlAttrs}><head><title>Le budget</title>${head}</head><body><article><h1>Le budget</h1>${FRENCH.map((p) => `<p>${p}</p>`).join('')}</article></body></html>`;
    // A French story on a page declaring German stays German: the declaration wins.
    expect(run(page('', 'lang="de-AT"'), 'page.html').language).toBe('de');
    expect(run(page('<meta property="og:locale" content="it_IT">', ''), 'page.html').language).toBe('it');
    expect(run(page('', ''), 'page.html').language).toBe('fr');
  });

  it('is null when the text is too short to tell, and the same on every call', () => {
    expect(detectLanguage('Ja, gut.')).toBeNull();
    expect(detectLanguage('')).toBeNull();
    const text = GERMAN.join(' ');
    expect(detectLanguage(text)).toBe('de');
    expect(detectLanguage(text)).toBe(detectLanguage(text));
  });
});
