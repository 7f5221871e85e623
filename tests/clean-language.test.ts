import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { gunzipSync } from 'node:zlib';
import { describe, expect, it } from 'vitest';
import { clean } from '../src/clean/index.js';
import { MODEL_TYPE, SEPARATORS_FLAGS, SEPARATORS_SOURCE } from '../src/clean/language-model.js';
import { detectLanguage, detectTag, separatorsToSpaces } from '../src/clean/language.js';

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

/** A sentence or two in scripts and languages the golden pages lack. */
const MANY_LANGUAGES = [
  'El ayuntamiento aprobó el martes un aumento importante del presupuesto para el próximo año, tras semanas de quejas.',
  'Il consiglio comunale ha approvato martedì un forte aumento del bilancio per il prossimo anno.',
  'A câmara municipal aprovou na terça-feira um grande aumento do orçamento para o próximo ano.',
  'Gemeenteraad keurt dinsdag een forse verhoging van de begroting voor volgend jaar goed.',
  'Rada miasta zatwierdziła we wtorek duży wzrost budżetu na przyszły rok, po tygodniach skarg mieszkańców.',
  'Городской совет во вторник одобрил значительное увеличение бюджета на следующий год.',
  'Міська рада у вівторок схвалила значне збільшення бюджету на наступний рік.',
  'Το δημοτικό συμβούλιο ενέκρινε την Τρίτη μεγάλη αύξηση του προϋπολογισμού για το επόμενο έτος.',
  'وافق مجلس المدينة يوم الثلاثاء على زيادة كبيرة في الميزانية للعام المقبل بعد أسابيع من الشكاوى.',
  'מועצת העיר אישרה ביום שלישי הגדלה משמעותית של התקציב לשנה הבאה.',
  'नगर परिषद ने मंगलवार को अगले वर्ष के बजट में बड़ी वृद्धि को मंजूरी दी।',
  '市议会周二批准了明年预算的大幅增加，此前居民抱怨了数周。',
  '市議会は火曜日、来年度予算の大幅な増額を承認した。住民からの苦情が数週間続いていた。',
  '시의회는 화요일 내년 예산의 대폭 증액을 승인했다.',
  'สภาเมืองอนุมัติการเพิ่มงบประมาณครั้งใหญ่สำหรับปีหน้าเมื่อวันอังคาร',
  'Belediye meclisi salı günü gelecek yılın bütçesinde büyük bir artışı onayladı.',
  'Hội đồng thành phố hôm thứ Ba đã phê duyệt mức tăng ngân sách lớn cho năm tới.',
  "Kaupunginvaltuusto hyväksyi tiistaina ensi vuoden talousarvioon suuren korotuksen. Don't stop — it's 2026! 🎉 𝔘𝔫𝔦𝔠𝔬𝔡𝔢",
];

describe("the packed language model (src/clean/language-model.ts, from eld's database)", () => {
  it('answers exactly as eld/extrasmall does, on golden pages cut anywhere and in many scripts', async () => {
    const { eld } = await import('eld/extrasmall');
    const golden = join(import.meta.dirname, 'golden');
    // Words of one to five letters, and words past ELD's 70-byte cut (its last n-gram runs to the word's end).
    const wordLengths = ['a b cd efg hijk lmnop qrstuv', `${'x'.repeat(69)} ${'y'.repeat(70)} ${'z'.repeat(71)} ${'ä'.repeat(36)} ${'ab'.repeat(40)} end`, `${'q'.repeat(66)}tionx`];
    const texts = [...MANY_LANGUAGES, GERMAN.join(' '), FRENCH.join(' '), MANY_LANGUAGES.join(' '), ...wordLengths];
    for (const dir of readdirSync(golden)) {
      for (const file of readdirSync(join(golden, dir)).filter((f) => f.startsWith('source.'))) {
        const bytes = readFileSync(join(golden, dir, file));
        texts.push((file.endsWith('.gz') ? gunzipSync(bytes) : bytes).toString('utf8'));
      }
    }
    let compared = 0;
    for (const text of texts) {
      for (let at = 0; at < Math.min(text.length, 20_000); at += 997) {
        for (const length of [5, 30, 120, 400, 1000, 1600]) {
          const sample = text.slice(at, at + length);
          expect(detectTag(sample), JSON.stringify(sample)).toBe(eld.detect(sample).language);
          compared++;
        }
      }
    }
    expect(compared).toBeGreaterThan(2000);
  });

  it('turns separators to spaces as its pattern does, apostrophes ending a run given back', () => {
    const separators = new RegExp(SEPARATORS_SOURCE, SEPARATORS_FLAGS);
    const tricky = ["'", "a ' b", "a '' b", 'a.’b', "x `'’ y", 'a’’', '’a', "🎉'", 'a 🎉’’ b', 'a\ud800 b', '\udc00a', '\ud800\ud800\udc00', '𝔘𝔫𝔦 — 2026!', ''];
    for (const text of [...tricky, ...MANY_LANGUAGES, MANY_LANGUAGES.join(" '").repeat(20)]) expect(separatorsToSpaces(text), JSON.stringify(text)).toBe(text.replace(separators, ' '));
    // Cut at the first space written past `enough` characters, the space kept.
    expect(separatorsToSpaces('abc, def. ghi', 4)).toBe('abc def ');
  });

  it('is generated from the installed eld (rerun scripts/write-language-model.mjs after upgrading it)', () => {
    const eldVersion = JSON.parse(readFileSync(join(import.meta.dirname, '..', 'node_modules', 'eld', 'package.json'), 'utf8')).version;
    expect(MODEL_TYPE).toBe(`XS60 (eld ${eldVersion})`);
  });
});
