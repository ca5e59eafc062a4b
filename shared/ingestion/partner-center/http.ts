// fetch with retries for the Partner Center calls: 429 and 5xx (and network errors) are retried with
// exponential backoff, honouring Retry-After (seconds or an HTTP date), a few times; anything else is
// returned to the caller. `sleep` is injectable so tests do not wait.
export interface RetryOptions {
  fetch?: typeof fetch;
  /** Attempts in all (default 5). */
  attempts?: number;
  /** First backoff (default 1 s), doubled each retry, capped at maxDelayMs (default 60 s). */
  baseDelayMs?: number;
  maxDelayMs?: number;
  sleep?: (ms: number) => Promise<void>;
  /** Per request (default PARTNER_CENTER_REQUEST_TIMEOUT_MS). */
  timeoutMs?: number;
  onRetry?: (info: { url: string; attempt: number; status?: number; delayMs: number; error?: string }) => void;
}

/** One Partner Center request (token, report list, download) may take this long: 2 minutes, below host.json's functionTimeout. */
export const PARTNER_CENTER_REQUEST_TIMEOUT_MS = 2 * 60_000;
/** One report download (the execution's secure link) may take this long: 8 minutes, below host.json's functionTimeout. */
export const PARTNER_CENTER_DOWNLOAD_TIMEOUT_MS = 8 * 60_000;

export const sleep = (ms: number) => new Promise<void>((resolve) => setTimeout(resolve, ms));

/** Retry-After → milliseconds, or undefined when absent or unreadable. */
export function retryAfterMs(value: string | null, now: number = Date.now()): number | undefined {
  if (value === null || value.trim() === '') return undefined;
  const text = value.trim();
  if (/^\d+(\.\d+)?$/.test(text)) return Math.round(Number(text) * 1000);
  const at = Date.parse(text);
  return Number.isNaN(at) ? undefined : Math.max(0, at - now);
}

const retryable = (status: number) => status === 429 || status >= 500;

export async function fetchWithRetry(url: string, init: RequestInit, options: RetryOptions = {}): Promise<Response> {
  const attempts = Math.max(1, options.attempts ?? 5);
  const base = options.baseDelayMs ?? 1000;
  const max = options.maxDelayMs ?? 60_000;
  const pause = options.sleep ?? sleep;
  const doFetch = options.fetch ?? fetch;
  for (let attempt = 1; ; attempt++) {
    const backoff = Math.min(max, base * 2 ** (attempt - 1));
    let response: Response;
    try {
      response = await doFetch(url, { ...init, signal: AbortSignal.timeout(options.timeoutMs ?? PARTNER_CENTER_REQUEST_TIMEOUT_MS) });
    } catch (err) {
      if (attempt >= attempts) throw err;
      const error = err instanceof Error ? err.message : String(err);
      options.onRetry?.({ url, attempt, delayMs: backoff, error });
      await pause(backoff);
      continue;
    }
    if (!retryable(response.status) || attempt >= attempts) return response;
    const delayMs = Math.min(max, retryAfterMs(response.headers.get('retry-after')) ?? backoff);
    await response.body?.cancel().catch(() => {});
    options.onRetry?.({ url, attempt, status: response.status, delayMs });
    await pause(delayMs);
  }
}

/** The URL without its query string (a secure download link carries its signature there). */
export function redactUrl(url: string): string {
  try {
    const u = new URL(url);
    return `${u.origin}${u.pathname}`;
  } catch {
    return '(url)';
  }
}
