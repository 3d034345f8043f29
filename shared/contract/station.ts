import { z } from 'zod'
import { method } from './define'

export const StationInfo = z.object({
  version: z.string(),
  mode: z.enum(['demo', 'live']),
  dataDir: z.string(),
  ozonUrl: z.string(),
})
export type StationInfo = z.infer<typeof StationInfo>

export const stationMethods = {
  'station.info': method('Version, mode (demo/live), data dir and the Ozon API address in use.', z.object({}), StationInfo),
}
