/**
 * Relative date expressions, resolved only against an explicit reference date
 * (options.referenceDate), never against the clock.
 */

export interface RelativeWord {
  /** Lower-case word or phrase, matched on word boundaries. */
  word: string;
  /** Days before the reference date. */
  daysBack: number;
  note: string;
}

/** Words that name a day by its distance from today. */
export const RELATIVE_DAY_WORDS: readonly RelativeWord[] = [
  { word: 'today', daysBack: 0, note: 'English news "today" (seed 004 "who called him today")' },
  { word: 'yesterday', daysBack: 1, note: 'English news' },
  { word: 'heute', daysBack: 0, note: 'German news pages of dates-htmldate' },
  { word: 'gestern', daysBack: 1, note: 'German news pages of dates-htmldate' },
  { word: 'vorgestern', daysBack: 2, note: 'German news pages of dates-htmldate' },
  { word: "aujourd'hui", daysBack: 0, note: 'French news' },
  { word: 'aujourd’hui', daysBack: 0, note: 'French news, typographic apostrophe' },
  { word: 'hier', daysBack: 1, note: 'French "hier" (issue 2 brief)' },
  { word: 'avant-hier', daysBack: 2, note: 'French news' },
  { word: 'hoy', daysBack: 0, note: 'Spanish news' },
  { word: 'ayer', daysBack: 1, note: 'Spanish news' },
  { word: 'anteayer', daysBack: 2, note: 'Spanish news' },
  { word: 'oggi', daysBack: 0, note: 'Italian news' },
  { word: 'ieri', daysBack: 1, note: 'Italian news' },
  { word: 'hoje', daysBack: 0, note: 'Portuguese news' },
  { word: 'ontem', daysBack: 1, note: 'Portuguese news' },
  { word: 'vandaag', daysBack: 0, note: 'Dutch news' },
  { word: 'gisteren', daysBack: 1, note: 'Dutch news' },
  { word: 'eergisteren', daysBack: 2, note: 'Dutch news' },
];

export type RelativeUnit = 'minute' | 'hour' | 'day' | 'week';

/**
 * "N units ago" phrasings. `{n}` stands for the number, `{unit}` for one of the unit words.
 * Units shorter than a day resolve to the reference day itself.
 */
export interface AgoPhrase {
  lang: string;
  /** Pattern source with {n} and {unit} placeholders; compiled once at module load. */
  template: string;
  units: Readonly<Record<RelativeUnit, readonly string[]>>;
  note: string;
}

export const AGO_PHRASES: readonly AgoPhrase[] = [
  {
    lang: 'en',
    template: '{n}\\s+{unit}\\s+ago',
    units: { minute: ['minutes', 'minute', 'mins', 'min'], hour: ['hours', 'hour', 'hrs', 'hr'], day: ['days', 'day'], week: ['weeks', 'week'] },
    note: 'blog timestamps "3 days ago"',
  },
  {
    lang: 'de',
    template: 'vor\\s+{n}\\s+{unit}',
    units: { minute: ['minuten', 'minute', 'min'], hour: ['stunden', 'stunde', 'std'], day: ['tagen', 'tag'], week: ['wochen', 'woche'] },
    note: 'German "vor 2 Tagen" (issue 2 brief)',
  },
  {
    lang: 'fr',
    template: 'il\\s+y\\s+a\\s+{n}\\s+{unit}',
    units: { minute: ['minutes', 'minute', 'min'], hour: ['heures', 'heure', 'h'], day: ['jours', 'jour'], week: ['semaines', 'semaine'] },
    note: 'French "il y a 2 jours"',
  },
  {
    lang: 'es',
    template: 'hace\\s+{n}\\s+{unit}',
    units: { minute: ['minutos', 'minuto', 'min'], hour: ['horas', 'hora'], day: ['días', 'dias', 'día', 'dia'], week: ['semanas', 'semana'] },
    note: 'Spanish "hace 2 días"',
  },
  {
    lang: 'it',
    template: '{n}\\s+{unit}\\s+fa',
    units: { minute: ['minuti', 'minuto'], hour: ['ore', 'ora'], day: ['giorni', 'giorno'], week: ['settimane', 'settimana'] },
    note: 'Italian "2 giorni fa"',
  },
  {
    lang: 'pt',
    template: 'há\\s+{n}\\s+{unit}',
    units: { minute: ['minutos', 'minuto'], hour: ['horas', 'hora'], day: ['dias', 'dia'], week: ['semanas', 'semana'] },
    note: 'Portuguese "há 2 dias"',
  },
  {
    lang: 'nl',
    template: '{n}\\s+{unit}\\s+geleden',
    units: { minute: ['minuten', 'minuut'], hour: ['uren', 'uur'], day: ['dagen', 'dag'], week: ['weken', 'week'] },
    note: 'Dutch "2 dagen geleden"',
  },
];

/** Number words accepted in place of {n}. */
export const NUMBER_WORDS: Readonly<Record<string, number>> = {
  a: 1, an: 1, one: 1, two: 2, three: 3, four: 4, five: 5, six: 6, seven: 7,
  einem: 1, einer: 1, zwei: 2, drei: 3, vier: 4, fünf: 5,
  un: 1, une: 1, deux: 2, trois: 3,
  dos: 2, tres: 3, due: 2, tre: 3, dois: 2, duas: 2, één: 1, een: 1, twee: 2, drie: 3,
};

/**
 * Words that, placed right before a weekday name, make it a reference to a day of the
 * current week ("on Friday", "am Freitag"). A bare weekday is too often something else
 * ("Black Friday", a weekday-only dateline).
 */
export const WEEKDAY_LEADS: readonly { lang: string; words: readonly string[]; note: string }[] = [
  { lang: 'en', words: ['on', 'last', 'this', 'late', 'early'], note: 'seed 004 "Qureshi on Friday stressed"' },
  { lang: 'de', words: ['am', 'letzten', 'vergangenen', 'diesen'], note: 'German news "am Freitag"' },
  { lang: 'fr', words: ['ce', 'le'], note: 'French news "ce vendredi"' },
  { lang: 'es', words: ['el', 'este', 'pasado'], note: 'Spanish news "el viernes"' },
  { lang: 'it', words: ['lo scorso', 'questo', 'di'], note: 'Italian news "venerdì scorso"' },
  { lang: 'pt', words: ['na', 'no', 'nesta', 'neste', 'nesse', 'nessa'], note: 'Portuguese news "na sexta-feira"' },
  { lang: 'nl', words: ['op', 'afgelopen', 'deze'], note: 'Dutch news "op vrijdag"' },
];

/**
 * A bare, capitalised English weekday in news prose is the day of the event in AP style
 * ("Qureshi Friday received a telephone call", seed 002), except in named days.
 */
export const BARE_WEEKDAYS = {
  names: ['Monday', 'Tuesday', 'Wednesday', 'Thursday', 'Friday', 'Saturday', 'Sunday'],
  /** Words that make "<word> Friday" a named day, not a date ("Black Friday", "Good Friday"). */
  notAfter: ['Black', 'Good', 'Holy', 'Cyber', 'Ash', 'Palm', 'Maundy', 'Easter', 'Super', 'Casual', 'Giving', 'Fat', 'Blue', 'Manic'],
  note: 'seed 002 "Qureshi Friday received"; exclusions from named days in English news',
} as const;
