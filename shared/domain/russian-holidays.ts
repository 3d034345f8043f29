// Russia's production calendar (производственный календарь) as data: which weekdays are days off and which
// weekend days are worked, per year. Weekends (Saturday, Sunday) are the rule; these are the exceptions.
//
// Rules (Трудовой кодекс РФ, ст. 112): non-working public holidays are 1–6 and 8 January (New Year holidays),
// 7 January, 23 February, 8 March, 1 May, 9 May, 12 June, 4 November. A weekend that coincides with a holiday
// moves to the next working day after the holiday, except the January ones: those the Government moves by an
// annual decree (постановление о переносе выходных дней), which may also move other days.

export interface ProductionCalendarYear {
  year: number
  /** True when a signed Government decree backs the year; false for the statutory baseline (decree pending). */
  official: boolean
  /** Where the year's exceptions come from, to re-check them. */
  source: string
  /** Weekdays (Mon–Fri) that are not worked: holidays and days off moved onto weekdays. */
  daysOff: readonly string[]
  /** Saturdays or Sundays that are worked because their day off moved elsewhere. */
  workingWeekends: readonly string[]
}

/** Non-working public holidays (month, day), ТК РФ ст. 112 ч. 1. */
export const PUBLIC_HOLIDAYS: readonly (readonly [month: number, day: number])[] = [
  [1, 1], [1, 2], [1, 3], [1, 4], [1, 5], [1, 6], [1, 7], [1, 8],
  [2, 23], [3, 8], [5, 1], [5, 9], [6, 12], [11, 4],
]

// 2025 — Постановление Правительства РФ от 04.10.2024 № 1335 «О переносе выходных дней в 2025 году»:
// Sat 4 Jan → Fri 2 May; Sun 5 Jan → Wed 31 Dec; Sun 23 Feb → Thu 8 May; Sat 8 Mar → Fri 13 Jun;
// Sat 1 Nov (worked) → Mon 3 Nov. Seen in the Government's announcement of 2024-10-04 as retold by
// teko.cntd.ru ("Регламентирован перенос выходных дней в 2025 году") and other news of that day.
const Y2025: ProductionCalendarYear = {
  year: 2025,
  official: true,
  source: 'Постановление Правительства РФ от 04.10.2024 № 1335',
  daysOff: [
    '2025-01-01', '2025-01-02', '2025-01-03', '2025-01-06', '2025-01-07', '2025-01-08',
    '2025-05-01', '2025-05-02', '2025-05-08', '2025-05-09',
    '2025-06-12', '2025-06-13',
    '2025-11-03', '2025-11-04',
    '2025-12-31',
  ],
  workingWeekends: ['2025-11-01'],
}

// 2026 — Постановление Правительства РФ от 24.09.2025 № 1466 «О переносе выходных дней в 2026 году»:
// Sat 3 Jan → Fri 9 Jan; Sun 4 Jan → Thu 31 Dec. Weekend-holiday coincidences move by ст. 112 itself:
// Sun 8 Mar → Mon 9 Mar, Sat 9 May → Mon 11 May. No worked Saturdays. (Government announcement of
// 2025-09-24, retold by ria.ru, ura.news, kirov143.ru.)
const Y2026: ProductionCalendarYear = {
  year: 2026,
  official: true,
  source: 'Постановление Правительства РФ от 24.09.2025 № 1466',
  daysOff: [
    '2026-01-01', '2026-01-02', '2026-01-05', '2026-01-06', '2026-01-07', '2026-01-08', '2026-01-09',
    '2026-02-23', '2026-03-09',
    '2026-05-01', '2026-05-11',
    '2026-06-12',
    '2026-11-04',
    '2026-12-31',
  ],
  workingWeekends: [],
}

/** Years backed by a signed decree. Other years fall back to the statutory baseline below. */
export const DECREED_YEARS: ReadonlyMap<number, ProductionCalendarYear> = new Map([
  [2025, Y2025],
  [2026, Y2026],
])

/**
 * The year as ст. 112 alone makes it: holidays on weekdays are off, a weekend holiday (other than 1–6 and
 * 8 January) moves the day off to the next working day. The Government's January moves are unknown until its
 * decree, so they are simply absent.
 *
 * 2027 uses this: as of the newest sources available (late 2026) no decree for 2027 was found; a deputy's
 * December 2025 remark (news.mail.ru) about 4–7 November off and a worked Saturday 13 November is not a
 * decree and is not applied. When the decree appears, add it to DECREED_YEARS; until then a warehouse can
 * correct its calendar with overrides in settings.
 */
export function statutoryYear(year: number): ProductionCalendarYear {
  const DAY = 86_400_000
  const holidays = new Set(PUBLIC_HOLIDAYS.map(([m, d]) => Date.UTC(year, m - 1, d) / DAY))
  const isWeekend = (day: number) => {
    const wd = new Date(day * DAY).getUTCDay()
    return wd === 0 || wd === 6
  }
  const off = new Set<number>()
  for (const day of holidays) if (!isWeekend(day)) off.add(day)
  const decreeOnly = new Set([1, 2, 3, 4, 5, 6, 8].map((d) => Date.UTC(year, 0, d) / DAY))
  for (const day of [...holidays].sort((a, b) => a - b)) {
    if (!isWeekend(day) || decreeOnly.has(day)) continue
    let next = day + 1
    while (isWeekend(next) || holidays.has(next) || off.has(next)) next++
    off.add(next)
  }
  const iso = (day: number) => new Date(day * DAY).toISOString().slice(0, 10)
  return {
    year,
    official: false,
    source: `Трудовой кодекс РФ ст. 112 only: no decree on moving days off in ${year} is recorded here`,
    daysOff: [...off].sort((a, b) => a - b).map(iso),
    workingWeekends: [],
  }
}

/** The calendar data for `year`: the decree where one is recorded, otherwise the statutory baseline. */
export function productionCalendarYear(year: number): ProductionCalendarYear {
  return DECREED_YEARS.get(year) ?? statutoryYear(year)
}
