/**
 * Words that say what a date next to them means, in visible text (text dumps and HTML).
 * Matched case-insensitively in the few dozen characters before a date.
 */

import type { RuleRow } from './rule-row.js';

/** "date 2021-07-14" opening a text dump: the scraper's own header line. */
export const HEADER_LINE = /^\s*date\s*[:=]?\s+(?=\d{4}-\d{1,2}-\d{1,2})/i;
export const HEADER_LINE_NOTE = 'seeds 000, 001, 003 open with " date 2020-11-27 AT News"';

/** Labels announcing the publication date. */
export const PUBLISHED_LABELS: readonly RuleRow[] = [
  { pattern: 'published|publication date|posted|first published|released|issued', note: 'English bylines "Published: July 14, 2021", WordPress "Posted on"' },
  { pattern: 'veröffentlicht|erschienen|erstellt|publiziert', note: 'German pages of dates-htmldate "Veröffentlicht am 14.07.2021"' },
  { pattern: 'publié|publie|mis en ligne', note: 'French "Publié le 14 juillet 2021"' },
  { pattern: 'publicado|publicada|publicación', note: 'Spanish/Portuguese "Publicado el 14 de julio de 2021"' },
  { pattern: 'pubblicato|pubblicata', note: 'Italian "Pubblicato il 14 luglio 2021"' },
  { pattern: 'gepubliceerd|geplaatst', note: 'Dutch "Gepubliceerd op 14 juli 2021"' },
  { pattern: '(?:^|\\s)(?:date|datum|fecha|data)\\s*:', note: '"Datum: 14.07.2021" meta lines on German institutional pages' },
  { pattern: 'erscheinungsdatum|verfasst|geschrieben|gepostet|(?:artikel|beitrag|meldung|nachricht) vom', note: 'dhz-online.de "Erscheinungsdatum: 07.02.2022", wordpress "Verfasst von: … | 31. Dezember 2008", curved.de "Artikel vom 31.10.23"' },
  { pattern: 'created|written|start date', note: 'anarc.at "Created … October 18th, 2020", xenforo forums "Start date Sep 18, 2020"' },
  { pattern: 'опубликовано|дата публикации|opublikowano|publikováno|zveřejněno|objavljeno|publicat', note: 'Russian, Polish, Czech, Croatian, Romanian/Catalan bylines' },
  { pattern: 'publicerad|publiceret|udgivet|publisert|julkaistu|yayınlanma|yayın tarihi', note: 'Swedish, Danish, Norwegian, Finnish, Turkish bylines' },
];

/** Labels announcing a later revision: a date after them is not the publication date. */
export const MODIFIED_LABELS: readonly RuleRow[] = [
  { pattern: 'updated|last modified|modified|revised|last edited|edited', note: 'English "Updated: July 15, 2021"' },
  { pattern: 'aktualisiert|aktualisierung|geändert|änderung|editiert', note: 'zeit.de "Editiert am 19. Oktober 2019"; literaturkritik.de "Letzte Änderung: 31.10.2023"' },
  { pattern: 'обновлено|zaktualizowano|aktualizováno|uppdaterad|opdateret|oppdatert|päivitetty|güncellenme|ažurirano', note: 'Russian, Polish, Czech, Scandinavian, Finnish, Turkish, Croatian "updated"' },
  { pattern: 'mis à jour|mise à jour|modifié', note: 'French "Mis à jour le 15 juillet 2021"' },
  { pattern: 'actualizado|actualización|atualizado|atualização', note: 'Spanish/Portuguese "Actualizado el…"' },
  { pattern: 'aggiornato|aggiornamento', note: 'Italian "Aggiornato il…"' },
  { pattern: 'bijgewerkt|gewijzigd', note: 'Dutch "Laatst bijgewerkt op…"' },
];

/**
 * Words right before a date that make it some other event's date (a deadline, a birth, a
 * period), not the day the page was published.
 */
export const EVENT_LEADS: readonly RuleRow[] = [
  { pattern: '\\b(?:until|till|through|since|from|before|after|by|between|due|deadline|born|died|expires?|valid)\\s*:?\\s*$', note: 'English event prose "until July 31, 2021"' },
  { pattern: '\\b(?:bis|seit|ab|vom|zum|bis zum|geboren|gestorben|gültig|frist)\\s*:?\\s*(?:(?:am|zum)\\s*)?$', note: 'German event prose "bis 31.07.2021", "vom 14. bis", mobilsicher.de "Ausdruck vom 11.02.2020", auswaertiges-amt.de "gültig seit: 05.11.2021"' },
  { pattern: '\\b(?:termin|beginn|anmeldeschluss|einsendeschluss|event date|starts?|ends?)\\s*:\\s*(?:\\p{L}{2,10},?\\s*)?$', note: 'diakonie.de "Termin: Montag, 15. November 2021 um 10.30 Uhr" (an appointment, not the page\'s date)' },
  { pattern: '\\b(?:jusqu\'au|depuis|du|avant|après|né le|décédé)\\s*(?:le\\s*)?$', note: 'French event prose "jusqu\'au 31 juillet 2021"' },
  { pattern: '\\b(?:hasta|desde|antes|después)\\s*(?:el\\s*)?$', note: 'Spanish event prose "hasta el 31 de julio"' },
];

/** Words right before a date that make it some other thing's date, never this page's: an embedded tweet's signature. */
export const OTHER_LEADS: readonly RuleRow[] = [
  { pattern: '\\(@\\w{1,30}\\)\\s*$', note: 'embedded tweets "— Daniel Dale (@ddale8) January 1, 2020" (theweek.com, sciencesetavenir.fr, fr.de)' },
];

/**
 * Read in the few dozen characters after a date (text dumps only). A verb-final label makes
 * it the publication date: bewegliche-lettern.de "wurde am 19. Mai 2010 um 23:03 Uhr
 * gepostet", hobby-werkstatt-blog.de "Dieser Artikel wurde am 14. Dezember 2015 um 14:48 von
 * Heiner geschrieben".
 */
export const PUBLISHED_AFTER = /^[^.!?\n]{0,50}?\b(?:veröffentlicht|gepostet|geschrieben|publiziert|verfasst|erstellt)\b/iu;
/** A period's first day, "vom 14. bis 20. Januar 2022", "14.–20.01.2022", "July 1 to July 5, 2021". */
export const PERIOD_AFTER = /^\s*(?:bis|to|until|through|au|al|–|—|-)\s*(?:\d|\p{L}+\s+\d)/iu;
