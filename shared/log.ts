// The logging interface every part of the core takes. The station wires a file-backed logger
// (electron/station/logging.ts); tests can pass `silentLogger` or collect lines with `memoryLogger`.
export interface Logger {
  info(message: string, data?: Record<string, unknown>): void
  warn(message: string, data?: Record<string, unknown>): void
  error(message: string, data?: Record<string, unknown>): void
}

export const silentLogger: Logger = { info() {}, warn() {}, error() {} }

export interface LogLine {
  level: 'info' | 'warn' | 'error'
  message: string
  data?: Record<string, unknown>
}

/** Keeps every line in memory — for tests that assert on what was logged. */
export function memoryLogger(): Logger & { lines: LogLine[] } {
  const lines: LogLine[] = []
  const at = (level: LogLine['level']) => (message: string, data?: Record<string, unknown>) => {
    lines.push(data ? { level, message, data } : { level, message })
  }
  return { lines, info: at('info'), warn: at('warn'), error: at('error') }
}
