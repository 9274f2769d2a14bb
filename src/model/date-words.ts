/**
 * Month and weekday names in the languages Sightline's users write dates in (English, French, German,
 * Spanish, Italian, Dutch, Portuguese), compared without case or accents: `févr.`, `Feb`, `febbraio` and
 * `fevereiro` all name February. A word names a month when it is a full name in one of them, a listed
 * abbreviation, or a prefix of at least three letters of an English name (`Sept`, `Dec`).
 *
 * Italian and Portuguese `set`/`out` and Spanish/Italian `ago` are left out as abbreviations: in English text
 * ("set 3 reminders", "2 days ago 5") they would be read as dates. Their full names are read.
 */
const MONTHS: readonly (readonly string[])[] = [
  ["january", "janvier", "januar", "enero", "gennaio", "januari", "janeiro"],
  ["february", "fevrier", "februar", "febrero", "febbraio", "februari", "fevereiro"],
  ["march", "mars", "marz", "maerz", "marzo", "maart", "marco"],
  ["april", "avril", "abril", "aprile"],
  ["may", "mai", "mayo", "maggio", "mei", "maio"],
  ["june", "juin", "juni", "junio", "giugno", "junho"],
  ["july", "juillet", "juli", "julio", "luglio", "julho"],
  ["august", "aout", "agosto", "augustus"],
  ["september", "septembre", "septiembre", "setiembre", "settembre", "setembro"],
  ["october", "octobre", "oktober", "octubre", "ottobre", "outubro"],
  ["november", "novembre", "noviembre", "novembro"],
  ["december", "decembre", "dezember", "diciembre", "dicembre", "dezembro"],
];

const MONTH_ABBREVIATIONS: Readonly<Record<string, number>> = {
  janv: 1,
  ene: 1,
  gen: 1,
  fev: 2,
  febr: 2,
  fevr: 2,
  mrt: 3,
  avr: 4,
  abr: 4,
  mag: 5,
  giu: 6,
  juil: 7,
  lug: 7,
  aou: 8,
  sett: 9,
  okt: 10,
  ott: 10,
  dez: 12,
  dic: 12,
};

const WEEKDAYS: readonly (readonly string[])[] = [
  ["sunday", "dimanche", "sonntag", "domingo", "domenica", "zondag"],
  ["monday", "lundi", "montag", "lunes", "lunedi", "maandag", "segunda"],
  ["tuesday", "mardi", "dienstag", "martes", "martedi", "dinsdag", "terca"],
  ["wednesday", "mercredi", "mittwoch", "miercoles", "mercoledi", "woensdag", "quarta"],
  ["thursday", "jeudi", "donnerstag", "jueves", "giovedi", "donderdag", "quinta"],
  ["friday", "vendredi", "freitag", "viernes", "venerdi", "vrijdag", "sexta"],
  ["saturday", "samedi", "samstag", "sabado", "sabato", "zaterdag"],
];

export const ENGLISH_MONTHS = MONTHS.map((names) => names[0]!);
export const ENGLISH_WEEKDAYS = WEEKDAYS.map((names) => names[0]!);

/** Lower case, accents and a trailing dot removed: `Févr.` → `fevr`. */
function normalise(word: string): string {
  return word.normalize("NFD").replace(/\p{M}/gu, "").toLowerCase().replace(/\.$/, "");
}

function uniqueIndex(matches: readonly number[]): number | null {
  const distinct = [...new Set(matches)];
  return distinct.length === 1 ? distinct[0]! : null;
}

/** 1–12, or null when the word names no month (or could name two). */
export function monthNamed(word: string): number | null {
  const w = normalise(word);
  if (w.length < 3) return null;
  const full = MONTHS.findIndex((names) => names.includes(w));
  if (full >= 0) return full + 1;
  const abbreviation = MONTH_ABBREVIATIONS[w];
  if (abbreviation !== undefined) return abbreviation;
  // Other languages' words are matched whole: as prefixes, English words would read as dates ("dice 5").
  return uniqueIndex(MONTHS.flatMap((names, i) => (names[0]!.startsWith(w) ? [i + 1] : [])));
}

/** 0 (Sunday) – 6, from a full name or a prefix of three letters or more that names one day only. */
export function weekdayNamed(word: string): number | null {
  const w = normalise(word);
  if (w.length < 3) return null;
  return uniqueIndex(WEEKDAYS.flatMap((names, i) => (names.some((n) => n.startsWith(w)) ? [i] : [])));
}
