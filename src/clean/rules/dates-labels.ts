/**
 * Words that say what a date next to them means, in visible text (text dumps and HTML).
 * Matched case-insensitively in the few dozen characters before a date.
 */

export interface DateLabel {
  /** Regex source (no flags); matched against the text just before the date. */
  pattern: string;
  note: string;
}

/** "date 2021-07-14" opening a text dump: the scraper's own header line. */
export const HEADER_LINE = /^\s*date\s*[:=]?\s+(?=\d{4}-\d{1,2}-\d{1,2})/i;
export const HEADER_LINE_NOTE = 'seeds 000, 001, 003 open with " date 2020-11-27 AT News"';

/** Labels announcing the publication date. */
export const PUBLISHED_LABELS: readonly DateLabel[] = [
  { pattern: 'published|publication date|posted|first published|released|issued', note: 'English bylines "Published: July 14, 2021", WordPress "Posted on"' },
  { pattern: 'veröffentlicht|erschienen|erstellt|publiziert', note: 'German pages of dates-htmldate "Veröffentlicht am 14.07.2021"' },
  { pattern: 'publié|publie|mis en ligne', note: 'French "Publié le 14 juillet 2021"' },
  { pattern: 'publicado|publicada|publicación', note: 'Spanish/Portuguese "Publicado el 14 de julio de 2021"' },
  { pattern: 'pubblicato|pubblicata', note: 'Italian "Pubblicato il 14 luglio 2021"' },
  { pattern: 'gepubliceerd|geplaatst', note: 'Dutch "Gepubliceerd op 14 juli 2021"' },
  { pattern: '(?:^|\\s)(?:date|datum|fecha|data)\\s*:', note: '"Datum: 14.07.2021" meta lines on German institutional pages' },
];

/** Labels announcing a later revision: a date after them is not the publication date. */
export const MODIFIED_LABELS: readonly DateLabel[] = [
  { pattern: 'updated|last modified|modified|revised|last edited|edited', note: 'English "Updated: July 15, 2021"' },
  { pattern: 'aktualisiert|geändert|editiert|stand:', note: 'zeit.de "Editiert am 19. Oktober 2019"; German "Stand: 14.07.2021"' },
  { pattern: 'mis à jour|mise à jour|modifié', note: 'French "Mis à jour le 15 juillet 2021"' },
  { pattern: 'actualizado|actualización|atualizado|atualização', note: 'Spanish/Portuguese "Actualizado el…"' },
  { pattern: 'aggiornato|aggiornamento', note: 'Italian "Aggiornato il…"' },
  { pattern: 'bijgewerkt|gewijzigd', note: 'Dutch "Laatst bijgewerkt op…"' },
];

/**
 * Words right before a date that make it some other event's date (a deadline, a birth, a
 * period), not the day the page was published.
 */
export const EVENT_LEADS: readonly DateLabel[] = [
  { pattern: '\\b(?:until|till|through|since|from|before|after|by|between|due|deadline|born|died|expires?|valid)\\s*$', note: 'English event prose "until July 31, 2021"' },
  { pattern: '\\b(?:bis|seit|ab|vom|zum|bis zum|geboren|gestorben|gültig|frist)\\s*(?:(?:am|zum)\\s*)?$', note: 'German event prose "bis 31.07.2021", "vom 14. bis"' },
  { pattern: '\\b(?:jusqu\'au|depuis|du|avant|après|né le|décédé)\\s*(?:le\\s*)?$', note: 'French event prose "jusqu\'au 31 juillet 2021"' },
  { pattern: '\\b(?:hasta|desde|antes|después)\\s*(?:el\\s*)?$', note: 'Spanish event prose "hasta el 31 de julio"' },
];
