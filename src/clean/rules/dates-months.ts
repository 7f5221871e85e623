/**
 * Month and weekday names per language, read by the date parser (src/clean/dates).
 * Every form is lower-case; abbreviations are matched with or without a trailing dot.
 * Adding a language or a spelling is a data change only.
 */

export interface MonthTable {
  /** ISO 639-1 code. */
  lang: string;
  /** Index 0 = January; each entry lists every accepted spelling (full and abbreviated). */
  months: readonly (readonly string[])[];
  /** Index 0 = Monday (ISO weekday 1). */
  weekdays: readonly (readonly string[])[];
  /** Where the forms were seen. */
  note: string;
}

export const MONTH_TABLES: readonly MonthTable[] = [
  {
    lang: 'en',
    note: 'seed 001 "Wednesday Jul 14 2021"; seed 001 caption "July 14, 2021"; "Sept." in AP-style US pages of dates-htmldate',
    months: [
      ['january', 'jan'],
      ['february', 'feb'],
      ['march', 'mar'],
      ['april', 'apr'],
      ['may'],
      ['june', 'jun'],
      ['july', 'jul'],
      ['august', 'aug'],
      ['september', 'sept', 'sep'],
      ['october', 'oct'],
      ['november', 'nov'],
      ['december', 'dec'],
    ],
    weekdays: [
      ['monday', 'mon'],
      ['tuesday', 'tue', 'tues'],
      ['wednesday', 'wed'],
      ['thursday', 'thu', 'thur', 'thurs'],
      ['friday', 'fri'],
      ['saturday', 'sat'],
      ['sunday', 'sun'],
    ],
  },
  {
    lang: 'de',
    note: 'zeit.de page in dates-htmldate "19. Oktober 2019"; Austrian "Jänner" from .at pages of the same set',
    months: [
      ['januar', 'jänner', 'jan'],
      ['februar', 'feber', 'feb'],
      ['märz', 'maerz', 'mär', 'mrz'],
      ['april', 'apr'],
      ['mai'],
      ['juni', 'jun'],
      ['juli', 'jul'],
      ['august', 'aug'],
      ['september', 'sept', 'sep'],
      ['oktober', 'okt'],
      ['november', 'nov'],
      ['dezember', 'dez'],
    ],
    weekdays: [
      ['montag', 'mo'],
      ['dienstag', 'di'],
      ['mittwoch', 'mi'],
      ['donnerstag', 'do'],
      ['freitag', 'fr'],
      ['samstag', 'sonnabend', 'sa'],
      ['sonntag', 'so'],
    ],
  },
  {
    lang: 'fr',
    note: 'French dateline "le 14 juillet 2021" (issue 2 brief); "1er juillet" ordinal; .fr pages of dates-htmldate',
    months: [
      ['janvier', 'janv'],
      ['février', 'fevrier', 'févr', 'fevr', 'fév'],
      ['mars'],
      ['avril', 'avr'],
      ['mai'],
      ['juin'],
      ['juillet', 'juil'],
      ['août', 'aout'],
      ['septembre', 'sept'],
      ['octobre', 'oct'],
      ['novembre', 'nov'],
      ['décembre', 'decembre', 'déc', 'dec'],
    ],
    weekdays: [['lundi'], ['mardi'], ['mercredi'], ['jeudi'], ['vendredi'], ['samedi'], ['dimanche']],
  },
  {
    lang: 'es',
    note: 'Spanish "14 de julio de 2021" (issue 2 brief); .mx pages of dates-htmldate',
    months: [
      ['enero', 'ene'],
      ['febrero'],
      ['marzo'],
      ['abril', 'abr'],
      ['mayo'],
      ['junio'],
      ['julio'],
      ['agosto', 'ago'],
      ['septiembre', 'setiembre', 'sept', 'set'],
      ['octubre'],
      ['noviembre'],
      ['diciembre', 'dic'],
    ],
    weekdays: [['lunes'], ['martes'], ['miércoles', 'miercoles'], ['jueves'], ['viernes'], ['sábado', 'sabado'], ['domingo']],
  },
  {
    lang: 'it',
    note: 'Italian "14 luglio 2021"; .it pages of dates-htmldate',
    months: [
      ['gennaio', 'genn', 'gen'],
      ['febbraio', 'febbr'],
      ['marzo'],
      ['aprile'],
      ['maggio', 'magg', 'mag'],
      ['giugno', 'giu'],
      ['luglio', 'lug'],
      ['agosto'],
      ['settembre', 'sett'],
      ['ottobre', 'ott'],
      ['novembre'],
      ['dicembre'],
    ],
    weekdays: [
      ['lunedì', 'lunedi'],
      ['martedì', 'martedi'],
      ['mercoledì', 'mercoledi'],
      ['giovedì', 'giovedi'],
      ['venerdì', 'venerdi'],
      ['sabato'],
      ['domenica'],
    ],
  },
  {
    lang: 'pt',
    note: 'Portuguese "14 de julho de 2021"; .br pages of dates-htmldate',
    months: [
      ['janeiro'],
      ['fevereiro', 'fev'],
      ['março', 'marco'],
      ['abril'],
      ['maio'],
      ['junho'],
      ['julho'],
      ['agosto'],
      ['setembro'],
      ['outubro', 'out'],
      ['novembro'],
      ['dezembro', 'dez'],
    ],
    weekdays: [
      ['segunda-feira', 'segunda'],
      ['terça-feira', 'terca-feira', 'terça', 'terca'],
      ['quarta-feira', 'quarta'],
      ['quinta-feira', 'quinta'],
      ['sexta-feira', 'sexta'],
      ['sábado', 'sabado'],
      ['domingo'],
    ],
  },
  {
    lang: 'nl',
    note: 'Dutch "14 juli 2021"; .nl/.be pages of dates-htmldate',
    months: [
      ['januari'],
      ['februari'],
      ['maart', 'mrt'],
      ['april'],
      ['mei'],
      ['juni'],
      ['juli'],
      ['augustus'],
      ['september'],
      ['oktober'],
      ['november'],
      ['december'],
    ],
    weekdays: [['maandag'], ['dinsdag'], ['woensdag'], ['donderdag'], ['vrijdag'], ['zaterdag'], ['zondag']],
  },
];
