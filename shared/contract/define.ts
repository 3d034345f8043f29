import type { z } from 'zod'

export interface MethodSpec<A extends z.ZodType = z.ZodType, R extends z.ZodType = z.ZodType> {
  args: A
  result: R
  /** One line for `GET /api` and for whoever reads the contract. */
  summary: string
}

export function method<A extends z.ZodType, R extends z.ZodType>(summary: string, args: A, result: R): MethodSpec<A, R> {
  return { summary, args, result }
}
