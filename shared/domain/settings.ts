// The bench profile and the people who work at it. Stored in <dataDir>/settings.json, edited in the
// Settings screen, exported/imported without secrets. Every field has a default so a settings file from
// an older station still opens: add new fields with `.default(...)`, bump the document version only when
// an existing field changes meaning.
import { z } from 'zod'

export const Operator = z.object({
  id: z.string().min(1),
  name: z.string().trim().min(1).max(60),
})
export type Operator = z.infer<typeof Operator>

export const CalendarOverride = z.object({
  date: z.string().regex(/^\d{4}-\d{2}-\d{2}$/, 'use YYYY-MM-DD'),
  working: z.boolean(),
})

export const BenchProfile = z.object({
  /** Shown in the header and written on every audit entry, e.g. "Стол 2". */
  benchName: z.string().trim().min(1).max(60).default('Стол 1'),
  language: z.enum(['ru', 'en', 'zh']).default('ru'),
  /** IANA time zone of the warehouse: deadlines and business days are judged here. */
  timeZone: z.string().min(1).default('Europe/Moscow'),
  /** Inbox filters applied when the station starts (the warehouses and carriers this bench handles). */
  warehouseIds: z.array(z.string()).default([]),
  carrierIds: z.array(z.string()).default([]),
  /** What is printed for each package after packing. */
  labelsPerPackage: z.enum(['ozon', 'bag', 'both']).default('both'),
  autoPrint: z.boolean().default(true),
  /** required: "Package the order" waits until every unit is scanned; advisory: it warns. */
  verification: z.enum(['required', 'advisory']).default('required'),
  sounds: z.object({ enabled: z.boolean().default(true), volume: z.number().min(0).max(1).default(0.8) }).default({ enabled: true, volume: 0.8 }),
  calendarOverrides: z.array(CalendarOverride).default([]),
  syncIntervalMinutes: z.number().int().min(0).max(120).default(5),
})
export type BenchProfile = z.infer<typeof BenchProfile>

export const defaultBenchProfile = (): BenchProfile => BenchProfile.parse({})
