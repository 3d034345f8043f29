// Raw TCP to a network label printer (the "port 9100" / JetDirect way): one connection per job, bytes out, close.
//
// The transport decides the one thing the queue must know about a failed send: did any byte leave? A job is
// written only after the connection is established, so a failure to connect is 'not-sent' (safe to retry) and
// any failure after that is 'unknown' (the printer may have printed part or all of it).
import net from 'node:net'
import { notSent, outcomeUnknown, type PrintFailure } from '../failures'

export interface TcpAddress {
  host: string
  port: number
}

export interface TcpTimeouts {
  /** Giving up on connecting (the printer is off or the address is wrong). */
  connectMs: number
  /** The printer stopped taking data (its buffer is full and it does not print). */
  stallMs: number
  /** After our last byte, how long to wait for the printer to close its side before calling the job sent. */
  closeWaitMs: number
}

export const DEFAULT_TCP_TIMEOUTS: TcpTimeouts = { connectMs: 3000, stallMs: 15_000, closeWaitMs: 2000 }

/** `tcp://host:port` (port 9100 when left out). */
export function parseTcpAddress(connection: string): TcpAddress {
  const m = /^tcp:\/\/(\[[0-9a-f:]+\]|[^:/]+)(?::(\d+))?\/?$/i.exec(connection.trim())
  if (!m) throw notSent('unreachable', `"${connection}" is not a network printer address; write it as tcp://192.168.1.50:9100`, { retryable: false })
  return { host: m[1]!.replace(/^\[|\]$/g, ''), port: m[2] ? Number(m[2]) : 9100 }
}

const where = (a: TcpAddress) => `${a.host}:${a.port}`

/**
 * Sends `chunks` in order over one connection, respecting backpressure, then half-closes and waits for the printer
 * to close. Resolves with the number of bytes written; rejects with a PrintFailure whose outcome tells whether
 * anything may have printed.
 */
export function sendToPrinter(address: TcpAddress, chunks: readonly Uint8Array[], timeouts: TcpTimeouts = DEFAULT_TCP_TIMEOUTS): Promise<{ bytesWritten: number }> {
  return new Promise((resolve, reject) => {
    const socket = net.createConnection({ host: address.host, port: address.port })
    let connected = false
    let allWritten = false
    let settled = false
    let closeWait: NodeJS.Timeout | undefined
    const total = chunks.reduce((s, c) => s + c.length, 0)

    const finish = (err?: PrintFailure) => {
      if (settled) return
      settled = true
      clearTimeout(connectTimer)
      clearTimeout(closeWait)
      socket.destroy()
      if (err) reject(err)
      else resolve({ bytesWritten: total })
    }
    const sent = () => (connected ? Math.min(socket.bytesWritten, total) : 0)
    const fail = (why: string) => {
      if (!connected) finish(notSent('unreachable', `the printer at ${where(address)} cannot be reached (${why}); check that it is on and connected`))
      else if (allWritten) {
        // Everything was handed over and only the goodbye failed: still unknown, the printer may have dropped the end.
        finish(outcomeUnknown(`the connection to ${where(address)} broke right after the job was sent (${why}); check the printer`, sent()))
      } else {
        finish(outcomeUnknown(`the connection to ${where(address)} broke after ${sent()} of ${total} bytes (${why}); check the printer`, sent()))
      }
    }

    const connectTimer = setTimeout(() => fail(`no answer within ${timeouts.connectMs / 1000} s`), timeouts.connectMs)
    socket.on('error', (err: NodeJS.ErrnoException) => fail(err.code ?? err.message))
    socket.on('timeout', () => fail(`it took no data for ${timeouts.stallMs / 1000} s`))
    socket.on('close', () => {
      if (allWritten) finish()
      else fail('closed by the printer')
    })
    socket.on('data', () => undefined) // printers may chatter; never let unread data stall the socket

    socket.on('connect', async () => {
      connected = true
      clearTimeout(connectTimer)
      socket.setNoDelay(true)
      socket.setTimeout(timeouts.stallMs)
      for (const chunk of chunks) {
        if (settled) return
        if (!socket.write(chunk)) {
          await new Promise<void>((r) => {
            const done = () => {
              socket.off('drain', done)
              socket.off('close', done)
              r()
            }
            socket.on('drain', done)
            socket.on('close', done)
          })
        }
      }
      if (settled) return
      socket.end(() => {
        // 'finish': every byte is with the kernel. Give the printer a moment to close its side; many do at once,
        // some keep the connection open until their own idle timeout, which must not hold the queue.
        allWritten = true
        closeWait = setTimeout(() => finish(), timeouts.closeWaitMs)
      })
    })
  })
}

/**
 * Asks the printer something on a fresh connection and collects its answer until `complete(answer)` says it is
 * whole. Rejects with 'unreachable' when it cannot connect, and with a plain Error when the printer says nothing.
 */
export function queryPrinter(
  address: TcpAddress,
  request: Uint8Array,
  complete: (answer: Buffer) => boolean,
  timeoutMs = 2000,
): Promise<Buffer> {
  return new Promise((resolve, reject) => {
    const socket = net.createConnection({ host: address.host, port: address.port })
    let answer = Buffer.alloc(0)
    let connected = false
    const timer = setTimeout(() => {
      socket.destroy()
      if (!connected) reject(notSent('unreachable', `the printer at ${where(address)} cannot be reached (no answer within ${timeoutMs / 1000} s)`))
      else reject(new Error(`the printer at ${where(address)} did not answer the status request`))
    }, timeoutMs)
    const done = (err?: Error) => {
      clearTimeout(timer)
      socket.destroy()
      if (err) reject(err)
      else resolve(answer)
    }
    socket.on('connect', () => {
      connected = true
      socket.write(request)
    })
    socket.on('data', (d) => {
      answer = Buffer.concat([answer, d])
      if (complete(answer)) done()
    })
    socket.on('error', (err: NodeJS.ErrnoException) =>
      done(connected ? new Error(`status request to ${where(address)} failed: ${err.code ?? err.message}`) : notSent('unreachable', `the printer at ${where(address)} cannot be reached (${err.code ?? err.message})`)),
    )
    socket.on('close', () => {
      if (complete(answer)) done()
      else done(new Error(`the printer at ${where(address)} closed the connection without a complete status answer`))
    })
  })
}

/** Can we open a connection at all? (For printers that cannot report more.) */
export async function isReachable(address: TcpAddress, timeoutMs = 2000): Promise<boolean> {
  return new Promise((resolve) => {
    const socket = net.createConnection({ host: address.host, port: address.port })
    const timer = setTimeout(() => {
      socket.destroy()
      resolve(false)
    }, timeoutMs)
    socket.on('connect', () => {
      clearTimeout(timer)
      socket.end()
      resolve(true)
    })
    socket.on('error', () => {
      clearTimeout(timer)
      resolve(false)
    })
  })
}
