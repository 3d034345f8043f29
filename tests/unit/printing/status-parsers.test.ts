import { describe, expect, it } from 'vitest'
import { parseEscPosStatus, parseTsplStatus, parseZplHostStatus } from '../../../electron/printing/drivers/status'

describe('printer status answers', () => {
  it('ESC/POS DLE EOT 1/2/4: ready, paper end, cover open, near end; garbage is not a status', () => {
    expect(parseEscPosStatus(Uint8Array.from([0x12, 0x12, 0x12]))).toEqual({ problems: [], paperLow: false })
    expect(parseEscPosStatus(Uint8Array.from([0x1a, 0x32, 0x72]))).toEqual({ problems: ['paper-out'], paperLow: false })
    expect(parseEscPosStatus(Uint8Array.from([0x1a, 0x16, 0x1e]))).toEqual({ problems: ['cover-open'], paperLow: true })
    expect(parseEscPosStatus(Uint8Array.from([0x1a, 0x12, 0x12]))).toEqual({ problems: ['offline'], paperLow: false })
    expect(parseEscPosStatus(Uint8Array.from([0x41, 0x42, 0x43]))).toBeNull()
    expect(parseEscPosStatus(Uint8Array.from([0x12]))).toBeNull()
  })

  it('ZPL ~HS: paper out, pause, head up, ribbon out only in thermal-transfer mode', () => {
    const hs = (one: string, two: string) => Buffer.from(`\x02${one}\x03\r\n\x02${two}\x03\r\n\x021234,0\x03\r\n`, 'latin1')
    expect(parseZplHostStatus(hs('030,0,0,1245,000,0,0,0,000,0,0,0', '001,0,0,0,0,2,4,0,00000000,1,000'))).toEqual({ problems: [] })
    expect(parseZplHostStatus(hs('030,1,1,1245,000,0,0,0,000,0,0,0', '001,0,1,0,0,2,4,0,00000000,1,000'))).toEqual({
      problems: ['paper-out', 'paused', 'cover-open'],
    })
    expect(parseZplHostStatus(hs('030,0,0,1245,000,0,0,0,000,0,0,0', '001,0,0,1,0,2,4,0,00000000,1,000'))).toEqual({ problems: [] })
    expect(parseZplHostStatus(hs('030,0,0,1245,000,0,0,0,000,0,0,0', '001,0,0,1,1,2,4,0,00000000,1,000'))).toEqual({ problems: ['ribbon-out'] })
    expect(parseZplHostStatus(Buffer.from('garbage'))).toBeNull()
  })

  it('TSPL ESC ! ?: one byte of flags', () => {
    expect(parseTsplStatus(Uint8Array.from([0x00]))).toEqual({ problems: [] })
    expect(parseTsplStatus(Uint8Array.from([0x05]))).toEqual({ problems: ['cover-open', 'paper-out'] })
    expect(parseTsplStatus(Uint8Array.from([0x20]))).toEqual({ problems: [] }) // printing: fine
    expect(parseTsplStatus(Uint8Array.from([]))).toBeNull()
  })
})
