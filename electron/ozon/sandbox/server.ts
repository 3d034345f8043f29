// The sandbox's HTTP front door. For each Ozon method call, in Ozon's order: route exists → auth (403 code 7) →
// rate limit (429 code 8 + Retry-After) → injected fault → JSON parse → Ozon's side of the world moves on →
// handler → answer. `/__sandbox/*` (loopback only, no Ozon auth) drives the sandbox; `/files/*` serves the PDFs
// handed out as `file_url`.
import http from 'node:http'
import type { AddressInfo, Socket } from 'node:net'
import { ApiError } from './api-error'
import type { Body } from './body'
import type { ActiveFault, FaultBook } from './faults'
import type { SandboxState } from './state'
import { FileAnswer, type Call } from './routes/types'
import type { RouteDef } from './routes'
import { SlidingWindow, type WindowLimit } from '../rate-limiter'

export interface CallRecord {
  at: string
  path: string
  clientId: string
  status: number
}

export interface ServerParts {
  state: SandboxState
  routes: Record<string, RouteDef>
  faults: FaultBook
  rateLimitPerSecond: number
  methodLimits: Record<string, WindowLimit>
  /** Runs before every Ozon call, after the world advanced (settles async ship jobs, label tasks…). */
  settle: (c: Call) => void
  /** `/files/...` GETs (label PDFs). Returns null when the file does not exist. */
  files: (path: string, origin: string) => Promise<FileAnswer | null> | FileAnswer | null
  /** `/__sandbox/...` control requests; returns a JSON-able answer or throws ApiError. */
  control: (method: string, path: string, body: Body, query: URLSearchParams) => unknown | Promise<unknown>
  log: (line: string) => void
}

const MAX_BODY = 10 * 1024 * 1024

export class SandboxServer {
  readonly calls: CallRecord[] = []
  private readonly windows = new Map<string, SlidingWindow>()
  private readonly server: http.Server
  private readonly sockets = new Set<Socket>()

  constructor(private readonly parts: ServerParts) {
    this.server = http.createServer((req, res) => {
      this.handle(req, res).catch((e: Error) => {
        parts.log(`sandbox: unexpected failure: ${e.stack ?? e.message}`)
        if (!res.headersSent) sendJson(res, 500, { code: 13, message: 'Internal error', details: [] })
        else res.destroy()
      })
    })
    this.server.keepAliveTimeout = 5000
    this.server.on('connection', (s) => {
      this.sockets.add(s)
      s.on('close', () => this.sockets.delete(s))
    })
  }

  listen(port: number, host: string): Promise<number> {
    return new Promise((resolve, reject) => {
      this.server.once('error', reject)
      this.server.listen(port, host, () => {
        this.server.off('error', reject)
        resolve((this.server.address() as AddressInfo).port)
      })
    })
  }

  close(): Promise<void> {
    return new Promise((resolve) => {
      this.server.close(() => resolve())
      for (const s of this.sockets) s.destroy()
    })
  }

  private record(path: string, clientId: string, status: number): void {
    this.calls.push({ at: this.parts.state.now().toISOString(), path, clientId, status })
    if (this.calls.length > 5000) this.calls.splice(0, this.calls.length - 5000)
  }

  private async handle(req: http.IncomingMessage, res: http.ServerResponse): Promise<void> {
    const url = new URL(req.url ?? '/', 'http://sandbox')
    const path = url.pathname
    const origin = `http://${req.headers.host ?? 'localhost'}`

    if (path === '/__sandbox' || path.startsWith('/__sandbox/')) {
      if (!isLoopback(req.socket.remoteAddress)) return sendJson(res, 403, { code: 7, message: 'sandbox control is available from this machine only', details: [] })
      const body = req.method === 'GET' ? {} : parseBody(await readBody(req))
      try {
        const answer = await this.parts.control(req.method ?? 'GET', path, body, url.searchParams)
        return sendJson(res, 200, answer ?? { ok: true })
      } catch (e) {
        if (e instanceof ApiError) return sendJson(res, e.status, e.body())
        return sendJson(res, 400, { code: 3, message: (e as Error).message, details: [] })
      }
    }

    if (path.startsWith('/files/')) {
      const fault = this.parts.faults.take(path, false)
      if (fault && (await this.applyBefore(fault, res))) return this.record(path, '', res.statusCode)
      const file = await this.parts.files(path, origin)
      if (!file) {
        this.record(path, '', 404)
        return sendJson(res, 404, { code: 5, message: 'file not found', details: [] })
      }
      this.record(path, '', 200)
      if (fault?.phase === 'after' && (await this.applyAfter(fault, res))) return
      res.writeHead(200, { 'Content-Type': file.contentType, 'Content-Length': file.bytes.length, 'Content-Disposition': `attachment; filename="${file.fileName}"` })
      return void res.end(file.bytes)
    }

    const raw = await readBody(req)
    const clientId = String(req.headers['client-id'] ?? '')
    const def = this.parts.routes[path]
    if (!def || this.parts.state.variants.disabledMethods.includes(path)) {
      this.record(path, clientId, 404)
      return sendJson(res, 404, { code: 5, message: 'Not Found', details: [] })
    }
    if (req.method !== 'POST') {
      this.record(path, clientId, 405)
      return sendJson(res, 405, { code: 12, message: 'Method Not Allowed', details: [] })
    }

    // Auth
    const apiKey = String(req.headers['api-key'] ?? '')
    if (!clientId || !apiKey) {
      const v = this.parts.state.variants.missingHeaders
      this.record(path, clientId, v === '401' ? 401 : 403)
      return v === '401'
        ? sendJson(res, 401, { code: 16, message: 'Client-Id and Api-Key headers are required', details: [] })
        : sendJson(res, 403, { code: 7, message: 'Invalid Api-Key, please contact support', details: [] })
    }
    const acc = this.parts.state.account(clientId)
    if (!acc || acc.api_key !== apiKey) {
      this.record(path, clientId, 403)
      return sendJson(res, 403, { code: 7, message: 'Invalid Api-Key, please contact support', details: [] })
    }

    // Rate limits: 50/s per Client-Id over all methods, plus stricter per-method limits.
    const now = Date.now()
    const global = this.window(clientId, { max: this.parts.rateLimitPerSecond, perMs: 1000 })
    const ml = this.parts.methodLimits[path]
    const own = ml ? this.window(`${clientId} ${path}`, ml) : null
    const wait = Math.max(global.waitMs(now), own ? own.waitMs(now) : 0)
    if (wait > 0) {
      this.record(path, clientId, 429)
      return sendJson(res, 429, { code: 8, message: 'You have reached request rate limit per second', details: [] }, { 'Retry-After': String(Math.max(1, Math.ceil(wait / 1000))) })
    }
    global.record(now)
    own?.record(now)

    const fault = this.parts.faults.take(path, true)
    if (fault && (await this.applyBefore(fault, res))) return this.record(path, clientId, res.statusCode)

    let body: Body
    try {
      body = parseBody(raw)
    } catch (e) {
      this.record(path, clientId, 400)
      return sendJson(res, 400, { code: 3, message: (e as Error).message, details: [] })
    }

    const state = this.parts.state
    const call: Call = { state, acc, body, now: state.now(), origin }
    let status = 200
    let answer: unknown
    try {
      state.advance(acc)
      this.parts.settle(call)
      answer = await def.handler(call)
    } catch (e) {
      if (!(e instanceof ApiError)) throw e
      status = e.status
      answer = e
    } finally {
      if (def.write) state.touch(acc)
    }
    this.record(path, clientId, status)
    if (fault?.phase === 'after' && (await this.applyAfter(fault, res))) return
    if (answer instanceof ApiError) return sendJson(res, answer.status, answer.body(), answer.headers)
    if (answer instanceof FileAnswer) return this.sendFile(res, answer)
    return sendJson(res, 200, answer)
  }

  private window(key: string, limit: WindowLimit): SlidingWindow {
    let w = this.windows.get(key)
    if (!w) this.windows.set(key, (w = new SlidingWindow(limit)))
    return w
  }

  private sendFile(res: http.ServerResponse, f: FileAnswer): void {
    if (this.parts.state.variants.binaryBodies === 'json') {
      return sendJson(res, 200, { content_type: f.contentType, file_name: f.fileName, file_content: f.bytes.toString('base64') })
    }
    res.writeHead(200, { 'Content-Type': f.contentType, 'Content-Length': f.bytes.length, 'Content-Disposition': `attachment; filename="${f.fileName}"` })
    res.end(f.bytes)
  }

  /** Applies a "before" fault. Returns true when the request is finished (answered or dropped). */
  private async applyBefore(f: ActiveFault, res: http.ServerResponse): Promise<boolean> {
    if (f.phase !== 'before') return false
    if (f.kind === 'latency') {
      await sleep(f.latencyMs)
      return false
    }
    return this.spoil(f, res)
  }

  private async applyAfter(f: ActiveFault, res: http.ServerResponse): Promise<boolean> {
    if (f.kind === 'latency') {
      await sleep(f.latencyMs)
      return false
    }
    return this.spoil(f, res)
  }

  private spoil(f: ActiveFault, res: http.ServerResponse): boolean {
    switch (f.kind) {
      case 'http5xx':
        sendJson(res, f.status, { code: 13, message: 'Internal error', details: [] })
        return true
      case 'rate_limit':
        sendJson(res, 429, { code: 8, message: 'You have reached request rate limit per second', details: [] }, { 'Retry-After': String(f.retryAfterSec) })
        return true
      case 'drop':
        res.statusCode = 0
        res.socket?.destroy()
        return true
      case 'malformed': {
        const text = '{"result": {"postings": [{"posting_number": "'
        res.writeHead(200, { 'Content-Type': 'application/json', 'Content-Length': Buffer.byteLength(text) })
        res.end(text)
        return true
      }
      default:
        return false
    }
  }
}

function isLoopback(addr: string | undefined): boolean {
  return !!addr && (addr === '127.0.0.1' || addr === '::1' || addr === '::ffff:127.0.0.1' || addr.startsWith('127.'))
}

function readBody(req: http.IncomingMessage): Promise<string> {
  return new Promise((resolve, reject) => {
    const chunks: Buffer[] = []
    let size = 0
    req.on('data', (c: Buffer) => {
      size += c.length
      if (size > MAX_BODY) {
        reject(new Error('request body too large'))
        req.destroy()
      } else chunks.push(c)
    })
    req.on('end', () => resolve(Buffer.concat(chunks).toString('utf8')))
    req.on('error', reject)
  })
}

/** Parses a JSON body; the error text mimics Ozon's protobuf parser (§1.1). */
function parseBody(raw: string): Body {
  if (!raw.trim()) return {}
  let v: unknown
  try {
    v = JSON.parse(raw)
  } catch (e) {
    const m = /position (\d+)/.exec((e as Error).message)
    const pos = m ? Number(m[1]) : 0
    const ch = raw[pos] ?? ''
    throw new Error(`proto: syntax error (line 1:${pos + 1}): unexpected token ${ch}`)
  }
  if (!v || typeof v !== 'object' || Array.isArray(v)) throw new Error('proto: syntax error (line 1:1): expected an object')
  return v as Body
}

function sendJson(res: http.ServerResponse, status: number, body: unknown, headers: Record<string, string> = {}): void {
  const text = JSON.stringify(body)
  res.writeHead(status, { 'Content-Type': 'application/json', 'Content-Length': Buffer.byteLength(text), ...headers })
  res.end(text)
}

const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms))
