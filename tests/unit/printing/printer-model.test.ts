import { describe, expect, it } from 'vitest'
import { Printer, labelDots } from '../../../shared/domain/printers'

const base = { id: 'p1', name: 'Bench 1 Zebra', label: { widthMm: 58, heightMm: 40 } }
const issues = (input: unknown) => {
  const r = Printer.safeParse(input)
  return r.success ? [] : r.error.issues.map((i) => `${i.path.join('.')}: ${i.message}`)
}

describe('printer settings', () => {
  it('accepts each driver with its kind of connection and fills the defaults', () => {
    expect(Printer.parse({ ...base, driver: 'zpl', connection: 'tcp://192.168.1.50:9100' })).toMatchObject({
      dpi: 203,
      orientation: 'portrait',
      codePage: 'PC866',
      maxBandBytes: 4096,
      purposes: [],
      label: { gapMm: 2 },
    })
    expect(issues({ ...base, driver: 'escpos-epson', connection: 'tcp://printer.local' })).toEqual([])
    expect(issues({ ...base, driver: 'cups', connection: 'Zebra_ZD421' })).toEqual([])
    expect(issues({ ...base, driver: 'windows', connection: 'Xprinter XP-365B' })).toEqual([])
    expect(issues({ ...base, driver: 'folder', connection: 'C:\\Labels' })).toEqual([])
  })

  it('names the wrong field and says what to write instead', () => {
    expect(issues({ ...base, driver: 'zpl', connection: '192.168.1.50' })).toEqual([
      'connection: "192.168.1.50" is not a network printer address; write it as tcp://192.168.1.50:9100',
    ])
    expect(issues({ ...base, driver: 'folder', connection: 'labels' })[0]).toMatch(/^connection: .*must be a full path/)
    expect(issues({ ...base, driver: 'cups', connection: 'My Printer' })[0]).toMatch(/^connection: .*not a CUPS queue name/)
    expect(issues({ ...base, driver: 'zpl', connection: 'tcp://h:9100', darkness: 31 })).toEqual(['darkness: darkness must be 0–30 for ZPL'])
    expect(issues({ ...base, driver: 'tspl', connection: 'tcp://h:9100', darkness: 16 })).toEqual(['darkness: darkness must be 0–15 for TSPL'])
    expect(issues({ ...base, driver: 'escpos-epson', connection: 'tcp://h', speedIps: 4 })).toEqual(['speedIps: speed can only be set for ZPL and TSPL printers'])
    expect(issues({ ...base, driver: 'zpl', connection: 'tcp://h:9100', label: { widthMm: 150, heightMm: 100 } })[0]).toMatch(
      /^label: a 150 mm wide label does not fit a thermal print head/,
    )
    expect(issues({ ...base, driver: 'zpl', connection: 'tcp://h:9100', dpi: 600 })[0]).toMatch(/^dpi/)
  })

  it('counts the label in whole dots: 8 dots/mm at 203 dpi, 12 at 300', () => {
    expect(labelDots({ dpi: 203, label: { widthMm: 58, heightMm: 40, gapMm: 2 } })).toEqual({ width: 464, height: 320 })
    expect(labelDots({ dpi: 203, label: { widthMm: 75, heightMm: 120, gapMm: 2 } })).toEqual({ width: 600, height: 960 })
    expect(labelDots({ dpi: 300, label: { widthMm: 58, heightMm: 40, gapMm: 2 } })).toEqual({ width: 696, height: 480 })
  })
})
