// Fault-injecting proxies for the soak run (devtools/soak/main.ts).
// - cosmosFaultProxy: terminates TLS with the Cosmos stand-in's own self-signed certificate and forwards
//   each HTTP request to the stand-in; now and then it answers 429 with x-ms-retry-after-ms (as Cosmos does
//   when throttling), resets the connection before forwarding, or resets it after the stand-in answered
//   (the write happened, the answer is lost).
// - tcpResetProxy: a plain TCP pass-through (Service Bus AMQP) whose resetAll() drops every connection.
import { readFileSync } from 'node:fs';
import https from 'node:https';
import { createRequire } from 'node:module';
import net from 'node:net';
import path from 'node:path';

export interface FaultCounts {
  requests: number;
  throttled: number;
  resetBefore: number;
  resetAfter: number;
}

export interface CosmosFaultOptions {
  upstreamHost: string;
  upstreamPort: number;
  p429: number;
  pResetBefore: number;
  pResetAfter: number;
  retryAfterMs: number;
}

export interface RunningProxy {
  port: number;
  close(): Promise<void>;
}

function standInCertificate(): { cert: Buffer; key: Buffer } {
  const require = createRequire(import.meta.url);
  const dir = path.dirname(require.resolve('@vercel/cosmosdb-server/package.json'));
  return { cert: readFileSync(path.join(dir, 'cert.pem')), key: readFileSync(path.join(dir, 'key.pem')) };
}

function reset(socket: net.Socket): void {
  try {
    socket.resetAndDestroy(); // a TCP RST
  } catch {
    socket.destroy(); // TLS sockets: close the connection abruptly
  }
}

export async function cosmosFaultProxy(
  opts: CosmosFaultOptions,
): Promise<RunningProxy & { counts: FaultCounts; faultsOn(on: boolean): void }> {
  const counts: FaultCounts = { requests: 0, throttled: 0, resetBefore: 0, resetAfter: 0 };
  let on = true;
  const agent = new https.Agent({ keepAlive: true, rejectUnauthorized: false, maxSockets: 64 });
  const server = https.createServer({ ...standInCertificate(), keepAlive: true }, (req, res) => {
    counts.requests++;
    const roll = Math.random();
    if (on && roll < opts.p429) {
      counts.throttled++;
      req.resume();
      res.writeHead(429, {
        'content-type': 'application/json',
        'x-ms-retry-after-ms': String(opts.retryAfterMs),
        'x-ms-substatus': '3200',
        'x-ms-activity-id': `soak-${counts.requests}`,
      });
      res.end(JSON.stringify({ code: 'TooManyRequests', message: 'Request rate is large (soak: injected)' }));
      return;
    }
    if (on && roll < opts.p429 + opts.pResetBefore) {
      counts.resetBefore++;
      reset(req.socket);
      return;
    }
    const resetAfter = on && roll < opts.p429 + opts.pResetBefore + opts.pResetAfter;
    const headers = { ...req.headers, host: `${opts.upstreamHost}:${opts.upstreamPort}` };
    const up = https.request(
      { host: opts.upstreamHost, port: opts.upstreamPort, method: req.method, path: req.url, headers, agent },
      (upRes) => {
        if (resetAfter) {
          counts.resetAfter++;
          upRes.resume();
          upRes.on('end', () => reset(req.socket));
          return;
        }
        res.writeHead(upRes.statusCode ?? 502, upRes.headers);
        upRes.pipe(res);
      },
    );
    up.on('error', () => reset(req.socket));
    req.pipe(up);
  });
  server.on('clientError', (_err, socket) => socket.destroy());
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const port = (server.address() as net.AddressInfo).port;
  return {
    port,
    counts,
    faultsOn(v) {
      on = v;
    },
    close: async () => {
      server.closeAllConnections();
      await new Promise<void>((r) => server.close(() => r()));
      agent.destroy();
    },
  };
}

export async function tcpResetProxy(
  upstreamHost: string,
  upstreamPort: number,
): Promise<RunningProxy & { resetAll(): number; resets: () => number }> {
  const pairs = new Set<[net.Socket, net.Socket]>();
  let resets = 0;
  const server = net.createServer((client) => {
    const upstream = net.connect(upstreamPort, upstreamHost);
    const pair: [net.Socket, net.Socket] = [client, upstream];
    pairs.add(pair);
    const end = () => {
      pairs.delete(pair);
      client.destroy();
      upstream.destroy();
    };
    client.on('error', end).on('close', end);
    upstream.on('error', end).on('close', end);
    client.pipe(upstream);
    upstream.pipe(client);
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  return {
    port: (server.address() as net.AddressInfo).port,
    resets: () => resets,
    resetAll() {
      const n = pairs.size;
      for (const [client, upstream] of [...pairs]) {
        reset(client);
        upstream.destroy();
      }
      pairs.clear();
      resets += n;
      return n;
    },
    close: async () => {
      for (const [c, u] of pairs) {
        c.destroy();
        u.destroy();
      }
      await new Promise<void>((r) => server.close(() => r()));
    },
  };
}
