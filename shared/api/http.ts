// Small helpers for the read API: zod-validated route and query parameters (a 400 naming the parameter),
// JSON errors, and the continuation token as an opaque URL-safe string.
import type { HttpRequest, HttpResponseInit } from '@azure/functions';
import type { z } from 'zod';

/** The body of every error answer. `parameter` names the route or query parameter at fault (400 only). */
export interface ApiError {
  error: string;
  parameter?: string;
}

export function badRequest(parameter: string, why: string): HttpResponseInit {
  return { status: 400, jsonBody: { error: `${parameter}: ${why}`, parameter } satisfies ApiError };
}

export function notFound(error: string): HttpResponseInit {
  return { status: 404, jsonBody: { error } satisfies ApiError };
}

export function ok(body: unknown): HttpResponseInit {
  return { status: 200, jsonBody: body };
}

/** A signed webhook endpoint's answer as HTTP; a replayed delivery says so in `webhook-replayed`. */
export function webhookResponse(answer: { status: number; body: unknown; replayed?: boolean }): HttpResponseInit {
  return { status: answer.status, jsonBody: answer.body, headers: answer.replayed ? { 'webhook-replayed': 'true' } : {} };
}

export type Parsed<T> = { ok: true; value: T } | { ok: false; response: HttpResponseInit };

/** Where each parameter comes from: route (`request.params`) or query string (`request.query`). */
export type ParamSources<S extends Record<string, z.ZodType>> = { [K in keyof S]: 'route' | 'query' };

/**
 * Reads the named parameters (absent → undefined; a query parameter given empty counts as absent) and
 * validates each with its schema. The first bad one answers 400 `{ error: "<name>: <why>", parameter }`.
 */
export function parseParams<S extends Record<string, z.ZodType>>(
  request: Pick<HttpRequest, 'params' | 'query'>,
  schemas: S,
  sources: ParamSources<S>,
): Parsed<{ [K in keyof S]: z.output<S[K]> }> {
  const out: Record<string, unknown> = {};
  for (const name of Object.keys(schemas) as (keyof S & string)[]) {
    const raw = sources[name] === 'route' ? request.params[name] : request.query.get(name);
    const value = raw === null || raw === undefined || (sources[name] === 'query' && raw.trim() === '') ? undefined : raw;
    const result = schemas[name]!.safeParse(value);
    if (!result.success) return { ok: false, response: badRequest(name, result.error.issues[0]?.message ?? 'is not valid') };
    out[name] = result.data;
  }
  return { ok: true, value: out as { [K in keyof S]: z.output<S[K]> } };
}

/**
 * The store's continuation token as handed to clients: base64url of `{"v":1,"list":…,"token":…}`, so it
 * goes in a URL unescaped, and a value this API did not hand out (or handed out for another list) is a
 * clear 400 before it reaches the store (the local Cosmos stand-in ignores tokens it cannot read).
 */
export function encodeContinuation(list: string, token: string): string {
  return Buffer.from(JSON.stringify({ v: 1, list, token }), 'utf8').toString('base64url');
}

/** The store's token; undefined when `value` is not a token this API handed out for `list`. */
export function decodeContinuation(list: string, value: string): string | undefined {
  if (!/^[A-Za-z0-9_-]+$/.test(value)) return undefined;
  try {
    const parsed = JSON.parse(Buffer.from(value, 'base64url').toString('utf8')) as unknown;
    if (typeof parsed !== 'object' || parsed === null) return undefined;
    const { v, list: forList, token } = parsed as Record<string, unknown>;
    return v === 1 && forList === list && typeof token === 'string' && token !== '' ? token : undefined;
  } catch {
    return undefined;
  }
}

/**
 * The store refused a continuation token: Cosmos DB answers 400 for a malformed one, the SDK throws a
 * SyntaxError while parsing one it cannot read.
 */
export function isRejectedContinuation(err: unknown): boolean {
  const code = (err as { code?: unknown } | null)?.code;
  return code === 400 || code === '400' || err instanceof SyntaxError;
}
