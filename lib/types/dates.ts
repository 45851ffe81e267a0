// Calendar days and months as ISO strings (types only; lib/domain/dates computes them in a client's zone).

export type LocalDate = string; // 'YYYY-MM-DD', a calendar day in some zone
export type Month = string; // 'YYYY-MM-01', the first day of a month
