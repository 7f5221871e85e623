import { describe, expect, it } from 'vitest';
import { clean } from '../src/clean/index.js';

/**
 * Rows of rules/html-lines.ts that no golden page reaches any more (the page they came from
 * now has them outside the block chosen as the article), pinned on a made-up article so that
 * dropping one fails a test. Made-up, so it pins the rule, not a quality figure.
 */
const para = (n: number) =>
  `<p>Paragraph ${n} of the story tells readers about the city council vote on the new bridge, with quotes from the mayor and residents who live near the river crossing.</p>`;

function bodyAround(label: string) {
  const html = `<html><head><title>Council votes on bridge</title></head><body><article><h1>Council votes on bridge</h1>${para(1)}${para(2)}<p>${label}</p>${para(3)}${para(4)}${para(5)}</article></body></html>`;
  const result = clean({ bytes: Buffer.from(html), name: 'bridge.html', receivedAt: '2021-07-09T00:00:00Z' }, { processedAt: '2021-07-09T00:00:00Z' });
  if (!result.ok) throw new Error(`rejected: ${result.reason}`);
  return result.record;
}

describe('HTML furniture labels inside the article', () => {
  for (const label of ['TRENDING:', 'Breaking News', 'Most popular']) {
    it(`"${label}" between paragraphs is removed as boilerplate, the paragraphs kept`, () => {
      const record = bodyAround(label);
      expect(record.body).not.toContain(label);
      expect(record.body).toContain('Paragraph 3 of the story');
      expect(record.removed).toContainEqual(expect.objectContaining({ text: label, reason: 'boilerplate-phrase' }));
    });
  }
});

describe('credit lines written with "by"', () => {
  for (const credit of ['Photograph by Ed Marshall, Redonda Restoration Programme', 'Photo by Jason Kempin/Getty Images', 'Image courtesy of the city archive']) {
    it(`"${credit}" between paragraphs is out of the body, the paragraphs kept`, () => {
      const record = bodyAround(credit);
      expect(record.body).not.toContain(credit);
      expect(record.body).toContain('Paragraph 3 of the story');
      expect([...record.captions, ...record.removed.map((b) => b.text)]).toContain(credit);
    });
  }

  it('a sentence that starts with "Photo by" and goes on is article text', () => {
    const sentence = 'Photo by photo, the archive shows how the river crossing changed. Residents gave the city their albums.';
    expect(bodyAround(sentence).body).toContain(sentence);
  });
});

describe('calls to action (HTML_TAIL_CALL_TO_ACTION) are read only after the last paragraph', () => {
  const appeal = 'Want to hear about the next council meeting? Follow us on WhatsApp and Telegram.';
  function cleanArticle(inner: string) {
    const html = `<html><head><title>Council votes on bridge</title></head><body><article><h1>Council votes on bridge</h1>${inner}</article></body></html>`;
    const result = clean({ bytes: Buffer.from(html), name: 'bridge.html', receivedAt: '2021-07-09T00:00:00Z' }, { processedAt: '2021-07-09T00:00:00Z' });
    if (!result.ok) throw new Error(`rejected: ${result.reason}`);
    return result.record;
  }

  it('an appeal closing the story is removed', () => {
    const record = cleanArticle(`${para(1)}${para(2)}${para(3)}<p>${appeal}</p>`);
    expect(record.body).not.toContain(appeal);
    expect(record.body).toContain('Paragraph 3 of the story');
    expect(record.removed).toContainEqual(expect.objectContaining({ text: appeal, reason: 'call to action after the story' }));
  });

  it('the same words between paragraphs are story text', () => {
    const record = cleanArticle(`${para(1)}<p>${appeal}</p>${para(2)}${para(3)}`);
    expect(record.body).toContain(appeal);
  });
});

describe('disclosures (HTML_DISCLOSURE_LINES)', () => {
  for (const notice of ['* Links mit Sternchen sind sogenannte Affiliate-Links: Wenn du darauf klickst und etwas kaufst, unterstützt du meine Arbeit.', 'This work is licensed under a Creative Commons Attribution 4.0 International License.']) {
    it(`"${notice.slice(0, 40)}…" between paragraphs is removed, the paragraphs kept`, () => {
      const record = bodyAround(notice);
      expect(record.body).not.toContain(notice);
      expect(record.body).toContain('Paragraph 3 of the story');
      expect(record.removed).toContainEqual(expect.objectContaining({ text: notice, reason: 'disclosure' }));
    });
  }
});

describe('short furniture lines of German pages between paragraphs', () => {
  for (const label of ['Inhaltsverzeichnis', '(Alle Angaben ohne Gewähr)', 'Dieses Skript als PDF herunterladen', 'Teilen Sie dies mit:', 'Quelle: Deutscher Jagdverband (DJV)']) {
    it(`"${label}" is removed as boilerplate, the paragraphs kept`, () => {
      const record = bodyAround(label);
      expect(record.body).not.toContain(label);
      expect(record.body).toContain('Paragraph 3 of the story');
      expect(record.removed).toContainEqual(expect.objectContaining({ text: label, reason: 'boilerplate-phrase' }));
    });
  }
});

describe('captions written as paragraphs (HTML_CAPTION_LINES)', () => {
  for (const caption of ['Abbildung 4: klassische Schwachschicht.', 'Vergrößern Eine kleine runde Aussparung für die Kamera im Display.']) {
    it(`"${caption}" is a caption`, () => {
      const record = bodyAround(caption);
      expect(record.body).not.toContain(caption);
      expect(record.body).toContain('Paragraph 3 of the story');
    });
  }
});

describe('"Weitere Infos" at the end of the story', () => {
  function lastParagraph(text: string) {
    const html = `<html><head><title>Council votes on bridge</title></head><body><article><h1>Council votes on bridge</h1>${para(1)}${para(2)}${para(3)}<p>${text}</p></article></body></html>`;
    const result = clean({ bytes: Buffer.from(html), name: 'bridge.html', receivedAt: '2021-07-09T00:00:00Z' }, { processedAt: '2021-07-09T00:00:00Z' });
    if (!result.ok) throw new Error(`rejected: ${result.reason}`);
    return result.record;
  }

  it('a pointer to a website is a call to action', () => {
    expect(lastParagraph('Weitere Infos unter www.itfjuniors.de.').body).not.toContain('itfjuniors');
  });

  it('a contact person for more information is story text', () => {
    const contact = 'Weitere Informationen erteilt Anne Althaus in der Leitstelle unter Tel. 02382 59743.';
    expect(lastParagraph(contact).body).toContain(contact);
  });
});

describe('script error messages printed into the page (HTML_SCRIPT_ERROR_LINE)', () => {
  const warning = 'Warning: Creating default object from empty value in /www/htdocs/w0094d70/wp-includes/classes.php on line 407';
  it('a PHP warning between paragraphs is removed, the paragraphs kept', () => {
    const record = bodyAround(warning);
    expect(record.body).not.toContain('classes.php');
    expect(record.body).toContain('Paragraph 3 of the story');
    expect(record.removed).toContainEqual(expect.objectContaining({ text: warning, reason: 'script error message' }));
  });

  it('a sentence of the story that says "warning:" is kept', () => {
    const sentence = 'Warning: the river may flood the crossing on line 4 of the tram network, the mayor said on Tuesday.';
    expect(bodyAround(sentence).body).toContain(sentence);
  });
});
