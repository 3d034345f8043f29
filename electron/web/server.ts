// The loopback web host: the same contract as the Electron IPC, as `POST /api/<method>` + Server-Sent
// Events at `GET /api/events`, plus the built renderer. It binds 127.0.0.1 only and every request needs
// the per-start token (Bearer header, or the cookie set when the page is opened with ?token=).
import { createServer, type IncomingMessage, type ServerResponse } from 'node:http'
import { timingSafeEqual } from 'node:crypto'
import { readFile, stat } from 'node:fs/promises'
import path from 'node:path'
import { z } from 'zod'
import { eventNames, events, methodNames, methods } from '../../shared/contract'
import { HTTP_STATUS, StationError } from '../../shared/errors'
import type { Logger } from '../../shared/log'
import type { Station } from '../station'

export interface WebHostOptions {
  station: Station
  token: string
  port: number
  /** The built renderer (index.html + assets); omit to serve the API only. */
  staticDir?: string
  log: Logger
}

export interface WebHost {
  url: string
  port: number
  close(): Promise<void>
}

const COOKIE = 'station_token'
const MAX_BODY = 10 * 1024 * 1024
const HEARTBEAT_MS = 15_000

export const CONTENT_SECURITY_POLICY = [
  "default-src 'self'",
  "script-src 'self'",
  "style-src 'self' 'unsafe-inline'",
  "img-src 'self' data: blob:",
  "media-src 'self' data: blob:",
  "connect-src 'self'",
  "object-src 'none'",
  "frame-ancestors 'none'",
  "base-uri 'none'",
  "form-action 'none'",
].join('; ')

const TYPES: Record<string, string> = {
  '.html': 'text/html; charset=utf-8',
  '.js': 'text/javascript; charset=utf-8',
  '.mjs': 'text/javascript; charset=utf-8',
  '.css': 'text/css; charset=utf-8',
  '.json': 'application/json; charset=utf-8',
  '.svg': 'image/svg+xml',
  '.png': 'image/png',
  '.ico': 'image/x-icon',
  '.woff2': 'font/woff2',
  '.ttf': 'font/ttf',
  '.wav': 'audio/wav',
  '.mp3': 'audio/mpeg',
  '.pdf': 'application/pdf',
}

export async function startWebHost(opts: WebHostOptions): Promise<WebHost> {
  const { station, log } = opts
  const expected = Buffer.from(opts.token)
  const sseClients = new Set<ServerResponse>()
  let actualPort = opts.port

  const tokenOk = (given: string | undefined | null) => {
    if (!given) return false
    const b = Buffer.from(given)
    return b.length === expected.length && timingSafeEqual(b, expected)
  }

  const server = createServer((req, res) => {
    handle(req, res).catch((err) => {
      log.error('web host: request failed', { url: req.url, error: String(err) })
      if (!res.headersSent) sendError(res, new StationError({ code: 'internal', message: 'Internal error' }))
      else res.end()
    })
  })

  async function handle(req: IncomingMessage, res: ServerResponse): Promise<void> {
    res.setHeader('X-Content-Type-Options', 'nosniff')
    res.setHeader('Referrer-Policy', 'no-referrer')
    // DNS rebinding guard: only answer requests addressed to the loopback host we bound.
    if (!hostAllowed(req.headers.host, actualPort)) {
      return sendError(res, new StationError({ code: 'unauthorized', message: 'Requests must be addressed to 127.0.0.1 or localhost' }))
    }
    const url = new URL(req.url ?? '/', `http://127.0.0.1:${actualPort}`)

    // Opening the printed URL: the token moves from the query into an HttpOnly cookie, then out of the address bar.
    const queryToken = url.searchParams.get('token')
    if (req.method === 'GET' && queryToken !== null && !url.pathname.startsWith('/api')) {
      if (!tokenOk(queryToken)) return sendUnauthorized(res, 'The token in the address is not this start’s token.')
      url.searchParams.delete('token')
      res.writeHead(302, {
        'Set-Cookie': `${COOKIE}=${encodeURIComponent(opts.token)}; HttpOnly; SameSite=Strict; Path=/`,
        Location: url.pathname + url.search,
      })
      return void res.end()
    }

    if (!tokenOk(bearer(req) ?? cookie(req, COOKIE))) {
      return sendUnauthorized(res, 'Missing or wrong token. Open the address the station printed at start (…/?token=…).')
    }

    if (url.pathname === '/api' && req.method === 'GET') return sendJson(res, 200, describeContract())
    if (url.pathname === '/api/events' && req.method === 'GET') return openEventStream(req, res)
    if (url.pathname.startsWith('/api/')) {
      if (req.method !== 'POST') {
        res.setHeader('Allow', 'POST')
        return sendJson(res, 405, { error: { code: 'invalid_args', message: 'Use POST with a JSON body' } })
      }
      return callMethod(decodeURIComponent(url.pathname.slice('/api/'.length)), req, res)
    }
    if (req.method !== 'GET' && req.method !== 'HEAD') return sendJson(res, 405, { error: { code: 'invalid_args', message: 'Method not allowed' } })
    return serveStatic(url.pathname, res)
  }

  async function callMethod(name: string, req: IncomingMessage, res: ServerResponse): Promise<void> {
    let args: unknown
    try {
      const body = await readBody(req)
      args = body.length === 0 ? {} : JSON.parse(body)
    } catch (err) {
      const message = err instanceof BodyTooLarge ? `Body larger than ${MAX_BODY} bytes` : 'Body is not valid JSON'
      return sendError(res, new StationError({ code: 'invalid_args', message: `${name}: ${message}` }))
    }
    try {
      sendJson(res, 200, await station.dispatch(name, args))
    } catch (err) {
      sendError(res, err instanceof StationError ? err : new StationError({ code: 'internal', message: 'Internal error' }))
    }
  }

  function openEventStream(req: IncomingMessage, res: ServerResponse): void {
    res.writeHead(200, { 'Content-Type': 'text/event-stream; charset=utf-8', 'Cache-Control': 'no-store', Connection: 'keep-alive' })
    res.write(': connected\n\n')
    sseClients.add(res)
    const unsubscribe = station.subscribe((event, payload) => {
      res.write(`event: ${event}\ndata: ${JSON.stringify(payload)}\n\n`)
    })
    const heartbeat = setInterval(() => res.write(': heartbeat\n\n'), HEARTBEAT_MS)
    req.on('close', () => {
      clearInterval(heartbeat)
      unsubscribe()
      sseClients.delete(res)
    })
  }

  async function serveStatic(pathname: string, res: ServerResponse): Promise<void> {
    if (!opts.staticDir) return sendJson(res, 404, { error: { code: 'not_found', message: 'No UI is served by this host' } })
    const root = path.resolve(opts.staticDir)
    let file = path.resolve(root, `.${decodeURIComponent(pathname)}`)
    if (file !== root && !file.startsWith(root + path.sep)) {
      return sendJson(res, 404, { error: { code: 'not_found', message: 'Not found' } })
    }
    const isFile = await stat(file).then((s) => s.isFile(), () => false)
    // Client-side routes fall back to the app shell; missing assets are a plain 404.
    if (!isFile) {
      if (path.extname(file)) return sendJson(res, 404, { error: { code: 'not_found', message: 'Not found' } })
      file = path.join(root, 'index.html')
    }
    const body = await readFile(file)
    const ext = path.extname(file)
    const headers: Record<string, string> = { 'Content-Type': TYPES[ext] ?? 'application/octet-stream' }
    if (ext === '.html') {
      headers['Content-Security-Policy'] = CONTENT_SECURITY_POLICY
      headers['Cache-Control'] = 'no-store'
    } else {
      headers['Cache-Control'] = 'public, max-age=31536000, immutable'
    }
    res.writeHead(200, headers)
    res.end(body)
  }

  await new Promise<void>((resolve, reject) => {
    server.once('error', reject)
    server.listen(opts.port, '127.0.0.1', () => resolve())
  })
  const address = server.address()
  actualPort = typeof address === 'object' && address ? address.port : opts.port

  return {
    url: `http://127.0.0.1:${actualPort}`,
    port: actualPort,
    close: () =>
      new Promise<void>((resolve) => {
        for (const c of sseClients) c.end()
        server.close(() => resolve())
        server.closeAllConnections()
      }),
  }
}

/** `GET /api`: every method and event with JSON Schemas generated from the zod schemas. */
export function describeContract() {
  const schema = (s: z.ZodType, io: 'input' | 'output') => z.toJSONSchema(s, { io, unrepresentable: 'any' })
  return {
    methods: Object.fromEntries(
      methodNames.map((name) => [
        name,
        { summary: methods[name].summary, path: `/api/${name}`, args: schema(methods[name].args, 'input'), result: schema(methods[name].result, 'output') },
      ]),
    ),
    events: Object.fromEntries(eventNames.map((name) => [name, { payload: schema(events[name], 'output') }])),
  }
}

function hostAllowed(host: string | undefined, port: number): boolean {
  if (!host) return false
  return host === `127.0.0.1:${port}` || host === `localhost:${port}`
}

function bearer(req: IncomingMessage): string | null {
  const h = req.headers.authorization
  return h?.startsWith('Bearer ') ? h.slice(7).trim() : null
}

function cookie(req: IncomingMessage, name: string): string | null {
  for (const part of (req.headers.cookie ?? '').split(';')) {
    const [k, ...v] = part.trim().split('=')
    if (k === name) return decodeURIComponent(v.join('='))
  }
  return null
}

class BodyTooLarge extends Error {}

async function readBody(req: IncomingMessage): Promise<string> {
  const chunks: Buffer[] = []
  let size = 0
  for await (const chunk of req) {
    size += (chunk as Buffer).length
    if (size > MAX_BODY) throw new BodyTooLarge()
    chunks.push(chunk as Buffer)
  }
  return Buffer.concat(chunks).toString('utf8')
}

function sendJson(res: ServerResponse, status: number, body: unknown): void {
  const text = JSON.stringify(body)
  res.writeHead(status, { 'Content-Type': 'application/json; charset=utf-8', 'Cache-Control': 'no-store' })
  res.end(text)
}

function sendError(res: ServerResponse, err: StationError): void {
  sendJson(res, HTTP_STATUS[err.code], { error: err.toJSON() })
}

function sendUnauthorized(res: ServerResponse, message: string): void {
  sendError(res, new StationError({ code: 'unauthorized', message, key: 'errors.unauthorized' }))
}
