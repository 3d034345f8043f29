// The loopback web host against a real demo station: auth, errors, the contract listing, events, static files.
import { mkdir, writeFile } from 'node:fs/promises'
import http from 'node:http'
import path from 'node:path'
import { describe, expect, it } from 'vitest'
import { startTestStation, startTestWebHost, TEST_TOKEN } from '../../support/station'
import { tempDir } from '../../support/temp-dir'

const auth = { Authorization: `Bearer ${TEST_TOKEN}` }

async function post(base: string, method: string, body: unknown, headers: Record<string, string> = auth) {
  const res = await fetch(`${base}/api/${method}`, { method: 'POST', headers: { 'Content-Type': 'application/json', ...headers }, body: typeof body === 'string' ? body : JSON.stringify(body) })
  return { status: res.status, body: (await res.json()) as Record<string, any> }
}

async function setup() {
  const { station, config } = await startTestStation()
  const ui = await tempDir('station-ui-')
  await writeFile(path.join(ui, 'index.html'), '<!doctype html><title>shell</title>')
  await mkdir(path.join(ui, 'assets'))
  await writeFile(path.join(ui, 'assets', 'app.js'), 'console.log(1)')
  const host = await startTestWebHost(station, ui)
  return { station, config, host, base: host.url }
}

describe('web host', () => {
  it('binds 127.0.0.1 and answers a contract call with the token', async () => {
    const { base, config } = await setup()
    expect(base).toMatch(/^http:\/\/127\.0\.0\.1:\d+$/)
    const { status, body } = await post(base, 'station.info', {})
    expect(status).toBe(200)
    expect(body).toMatchObject({ mode: 'demo', dataDir: config.dataDir, version: '0.0.0-test' })
    expect(body.ozonUrl).toMatch(/^http:\/\/127\.0\.0\.1:\d+$/)
  })

  it('401 without or with a wrong token, for the API and for the page', async () => {
    const { base } = await setup()
    const none = await post(base, 'station.info', {}, {})
    expect(none.status).toBe(401)
    expect(none.body.error.code).toBe('unauthorized')
    expect((await post(base, 'station.info', {}, { Authorization: 'Bearer nope' })).status).toBe(401)
    expect((await fetch(`${base}/`)).status).toBe(401)
    expect((await fetch(`${base}/?token=wrong`, { redirect: 'manual' })).status).toBe(401)
  })

  it('opening ?token= sets an HttpOnly cookie, strips the token from the address, and the cookie then works', async () => {
    const { base } = await setup()
    const res = await fetch(`${base}/?token=${TEST_TOKEN}`, { redirect: 'manual' })
    expect(res.status).toBe(302)
    expect(res.headers.get('location')).toBe('/')
    const setCookie = res.headers.get('set-cookie') ?? ''
    expect(setCookie).toContain('HttpOnly')
    expect(setCookie).toContain('SameSite=Strict')
    const cookie = setCookie.split(';')[0]!
    const page = await fetch(`${base}/`, { headers: { cookie } })
    expect(page.status).toBe(200)
    expect(page.headers.get('content-security-policy')).toContain("script-src 'self'")
    expect(await page.text()).toContain('<title>shell</title>')
    expect((await post(base, 'station.info', {}, { cookie })).status).toBe(200)
  })

  it('404 for an unknown method, 400 naming the field for bad arguments or a non-JSON body', async () => {
    const { base } = await setup()
    const unknown = await post(base, 'orders.teleport', {})
    expect(unknown.status).toBe(404)
    expect(unknown.body.error).toMatchObject({ code: 'unknown_method' })
    const bad = await post(base, 'orders.get', { postingNumber: 7 })
    expect(bad.status).toBe(400)
    expect(bad.body.error).toMatchObject({ code: 'invalid_args', field: 'postingNumber' })
    expect(bad.body.error.message).toContain('postingNumber')
    const junk = await post(base, 'orders.list', '{"limit":')
    expect(junk.status).toBe(400)
    expect(junk.body.error.message).toContain('not valid JSON')
    const missing = await post(base, 'orders.get', { postingNumber: '0000-0000-1' })
    expect(missing.status).toBe(404)
    expect(missing.body.error.code).toBe('not_found')
  })

  it('GET /api lists every method and event with JSON Schemas', async () => {
    const { base } = await setup()
    const res = await fetch(`${base}/api`, { headers: auth })
    const body = (await res.json()) as { methods: Record<string, any>; events: Record<string, any> }
    expect(Object.keys(body.methods)).toEqual(expect.arrayContaining(['station.info', 'orders.sync', 'orders.list', 'orders.get']))
    expect(body.methods['orders.get'].args.properties.postingNumber.type).toBe('string')
    expect(body.methods['orders.get'].args.required).toContain('postingNumber')
    expect(body.methods['orders.list'].result.properties.postings.type).toBe('array')
    expect(body.events['sync.progress'].payload.properties.phase.enum).toContain('postings')
  })

  it('streams station events over SSE', async () => {
    const { base } = await setup()
    const received: string[] = []
    const stream = await new Promise<http.IncomingMessage>((resolve) =>
      http.get(`${base}/api/events`, { headers: auth }, resolve),
    )
    expect(stream.headers['content-type']).toContain('text/event-stream')
    stream.setEncoding('utf8')
    const done = new Promise<void>((resolve) => {
      stream.on('data', (chunk: string) => {
        received.push(chunk)
        if (received.join('').includes('"phase":"done"')) resolve()
      })
    })
    expect((await post(base, 'orders.sync', {})).body.ok).toBe(true)
    await done
    stream.destroy()
    const text = received.join('')
    expect(text).toContain('event: sync.progress')
    expect(text).toMatch(/data: \{"phase":"postings","accountId":"demo","fetched":\d+/)
  })

  it('refuses other Host headers (DNS rebinding) and paths outside the UI folder', async () => {
    const { base, host } = await setup()
    const rebound = await new Promise<number>((resolve) => {
      http.get({ host: '127.0.0.1', port: host.port, path: '/api', headers: { ...auth, Host: 'evil.example:80' } }, (r) => resolve(r.statusCode ?? 0))
    })
    expect(rebound).toBe(401)
    const traversal = await new Promise<number>((resolve) => {
      http.get({ host: '127.0.0.1', port: host.port, path: '/assets/..%2f..%2f..%2fetc%2fpasswd.js', headers: auth }, (r) => resolve(r.statusCode ?? 0))
    })
    expect(traversal).toBe(404)
    expect((await fetch(`${base}/assets/app.js`, { headers: auth })).status).toBe(200)
    expect((await fetch(`${base}/inbox`, { headers: auth })).status).toBe(200) // client route → app shell
  })
})
