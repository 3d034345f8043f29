// A network label printer for tests: a real TCP listener on 127.0.0.1 that records every job's bytes (one job =
// what arrives on one connection), answers the status questions real printers answer — ESC/POS DLE EOT n,
// ZPL ~HS, TSPL ESC ! ? — and can misbehave on demand: go offline (connections refused), drop a job's connection
// after N bytes, report paper out or an open cover.
import net from 'node:net'
import { performance } from 'node:perf_hooks'

export interface ReceivedJob {
  /** Everything the printer received on this connection (status questions excluded). */
  bytes: Buffer
  /** performance.now() of the connection and of the last byte. */
  connectedAt: number
  lastByteAt: number
  /** The printer cut this connection off on purpose (dropAfterBytes). */
  dropped: boolean
  /** What the printer reported about itself when the job arrived. */
  paperOut: boolean
  coverOpen: boolean
}

export interface FakePrinterState {
  paperOut: boolean
  paperLow: boolean
  coverOpen: boolean
  paused: boolean
}

const ESC_POS_STATUS = 0x10
const TILDE_HS = Buffer.from('~HS')
const TSPL_STATUS = Buffer.from([0x1b, 0x21, 0x3f])

export class FakePrinter {
  readonly jobs: ReceivedJob[] = []
  /** Connections that were refused while offline, and status questions answered. */
  refusedConnections = 0
  statusQuestions = 0
  state: FakePrinterState = { paperOut: false, paperLow: false, coverOpen: false, paused: false }

  private server: net.Server
  private sockets = new Set<net.Socket>()
  private dropAfter: number | undefined
  private online = false
  private waiters: Array<() => void> = []

  private constructor(public port: number) {
    this.server = this.makeServer()
  }

  static async start(port = 0): Promise<FakePrinter> {
    const printer = new FakePrinter(port)
    await printer.goOnline()
    return printer
  }

  /** `tcp://127.0.0.1:<port>` — what goes into the printer's connection setting. */
  get url(): string {
    return `tcp://127.0.0.1:${this.port}`
  }

  /** Stops listening: new connections are refused (ECONNREFUSED), like a printer that is switched off. */
  async goOffline(): Promise<void> {
    if (!this.online) return
    this.online = false
    await new Promise<void>((resolve) => this.server.close(() => resolve()))
    this.server = this.makeServer()
  }

  async goOnline(): Promise<void> {
    if (this.online) return
    await new Promise<void>((resolve, reject) => {
      this.server.once('error', reject)
      this.server.listen(this.port, '127.0.0.1', () => {
        this.server.off('error', reject)
        this.port = (this.server.address() as net.AddressInfo).port
        resolve()
      })
    })
    this.online = true
  }

  /** The next job's connection is reset after `n` bytes of it arrived (a cable pulled mid-label). */
  dropNextJobAfter(n: number): void {
    this.dropAfter = n
  }

  /** Resolves once at least `n` jobs were received (completely or cut off). */
  async waitForJobs(n: number, timeoutMs = 10_000): Promise<ReceivedJob[]> {
    const deadline = Date.now() + timeoutMs
    while (this.jobs.length < n) {
      const left = deadline - Date.now()
      if (left <= 0) throw new Error(`fake printer: expected ${n} job(s), got ${this.jobs.length} within ${timeoutMs} ms`)
      await new Promise<void>((resolve) => {
        const t = setTimeout(resolve, left)
        this.waiters.push(() => {
          clearTimeout(t)
          resolve()
        })
      })
    }
    return this.jobs
  }

  async stop(): Promise<void> {
    for (const s of this.sockets) s.destroy()
    await this.goOffline()
  }

  // -------------------------------------------------------------------------------------------------------------

  private makeServer(): net.Server {
    const server = net.createServer((socket) => this.serve(socket))
    server.on('error', () => undefined)
    return server
  }

  private serve(socket: net.Socket): void {
    this.sockets.add(socket)
    const connectedAt = performance.now()
    let pending: Buffer = Buffer.alloc(0) // bytes not yet known to be status questions or job data
    let job: Buffer[] | undefined // set once the connection turned out to carry a job
    let jobBytes = 0
    let lastByteAt = connectedAt
    let dropAt: number | undefined
    let recorded = false

    const record = (dropped: boolean) => {
      if (recorded || !job) return
      recorded = true
      this.jobs.push({
        bytes: Buffer.concat(job),
        connectedAt,
        lastByteAt,
        dropped,
        paperOut: this.state.paperOut,
        coverOpen: this.state.coverOpen,
      })
      for (const w of this.waiters.splice(0)) w()
    }

    socket.on('data', (data) => {
      lastByteAt = performance.now()
      if (!job) {
        pending = Buffer.concat([pending, data])
        pending = this.answerStatusQuestions(socket, pending)
        if (pending.length === 0 || isPrefixOfQuestion(pending)) return
        job = []
        dropAt = this.dropAfter
        this.dropAfter = undefined
        data = Buffer.from(pending)
        pending = Buffer.alloc(0)
      }
      if (dropAt !== undefined && jobBytes + data.length >= dropAt) {
        job.push(data.subarray(0, dropAt - jobBytes))
        jobBytes = dropAt
        record(true)
        socket.resetAndDestroy()
        return
      }
      job.push(data)
      jobBytes += data.length
    })
    socket.on('end', () => {
      record(false)
      socket.end()
    })
    socket.on('close', () => {
      record(false)
      this.sockets.delete(socket)
    })
    socket.on('error', () => undefined)
  }

  /** Answers and strips status questions at the start of `buf`; returns what is left. */
  private answerStatusQuestions(socket: net.Socket, buf: Buffer): Buffer {
    for (;;) {
      if (buf.length >= 3 && buf[0] === ESC_POS_STATUS && buf[1] === 0x04) {
        socket.write(Buffer.from([this.escPosStatus(buf[2]!)]))
        this.statusQuestions++
        buf = buf.subarray(3)
      } else if (buf.subarray(0, 3).equals(TILDE_HS)) {
        socket.write(this.zplHostStatus())
        this.statusQuestions++
        buf = buf.subarray(3)
        while (buf[0] === 0x0d || buf[0] === 0x0a) buf = buf.subarray(1)
      } else if (buf.subarray(0, 3).equals(TSPL_STATUS)) {
        socket.write(Buffer.from([this.tsplStatus()]))
        this.statusQuestions++
        buf = buf.subarray(3)
      } else {
        return buf
      }
    }
  }

  /** DLE EOT n: fixed bits 0x12, plus 1 → offline (0x08); 2 → cover (0x04), paper-end stop (0x20); 4 → near end (0x0C), end (0x60). */
  private escPosStatus(n: number): number {
    const s = this.state
    if (n === 1) return 0x12 | (s.paperOut || s.coverOpen || s.paused ? 0x08 : 0)
    if (n === 2) return 0x12 | (s.coverOpen ? 0x04 : 0) | (s.paperOut ? 0x20 : 0)
    if (n === 4) return 0x12 | (s.paperLow ? 0x0c : 0) | (s.paperOut ? 0x60 : 0)
    return 0x12
  }

  private zplHostStatus(): Buffer {
    const s = this.state
    const b = (v: boolean) => (v ? '1' : '0')
    const line1 = `030,${b(s.paperOut)},${b(s.paused)},1245,000,0,0,0,000,0,0,0`
    const line2 = `001,0,${b(s.coverOpen)},0,0,2,4,0,00000000,1,000`
    const line3 = '1234,0'
    return Buffer.from([line1, line2, line3].map((l) => `\x02${l}\x03\r\n`).join(''), 'latin1')
  }

  private tsplStatus(): number {
    const s = this.state
    return (s.coverOpen ? 0x01 : 0) | (s.paperOut ? 0x04 : 0) | (s.paused ? 0x10 : 0)
  }
}

function isPrefixOfQuestion(buf: Buffer): boolean {
  if (buf.length >= 3) return false
  const starts = (q: Buffer) => q.subarray(0, buf.length).equals(buf)
  return starts(Buffer.from([ESC_POS_STATUS, 0x04, 0x01])) || starts(TILDE_HS) || starts(TSPL_STATUS)
}
