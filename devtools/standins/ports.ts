import net from 'node:net';

/** Asks the OS for a free TCP port (tiny race until the stand-in binds it; fine for local tools). */
export async function freePort(host = '127.0.0.1'): Promise<number> {
  return new Promise((resolve, reject) => {
    const srv = net.createServer();
    srv.unref();
    srv.once('error', reject);
    srv.listen(0, host, () => {
      const addr = srv.address();
      const port = typeof addr === 'object' && addr ? addr.port : 0;
      srv.close(() => resolve(port));
    });
  });
}

/** Resolves `port` as given, or a free one when it is 0. */
export async function portOrFree(port: number, host = '127.0.0.1'): Promise<number> {
  return port === 0 ? freePort(host) : port;
}

export function canConnect(port: number, host = '127.0.0.1'): Promise<boolean> {
  return new Promise((resolve) => {
    const socket = net.connect({ port, host });
    socket.once('connect', () => {
      socket.destroy();
      resolve(true);
    });
    socket.once('error', () => resolve(false));
  });
}

/** Polls until a TCP connection to host:port succeeds, or fails after timeoutMs. */
export async function waitForPort(
  port: number,
  host = '127.0.0.1',
  timeoutMs = 30_000,
  isDead: () => string | undefined = () => undefined,
): Promise<void> {
  const deadline = Date.now() + timeoutMs;
  for (;;) {
    if (await canConnect(port, host)) return;
    const dead = isDead();
    if (dead) throw new Error(dead);
    if (Date.now() > deadline) throw new Error(`nothing accepted connections on ${host}:${port} within ${timeoutMs} ms`);
    await new Promise((r) => setTimeout(r, 100));
  }
}

/** True when nothing listens on host:port and this process may bind it. */
export function portIsFree(port: number, host = '127.0.0.1'): Promise<boolean> {
  return new Promise((resolve) => {
    const srv = net.createServer();
    srv.unref();
    srv.once('error', () => resolve(false));
    srv.listen({ port, host, exclusive: true }, () => srv.close(() => resolve(true)));
  });
}

/** The settings whose port is taken, as `NAME=port is in use` lines (port 0 = any free port: never taken). */
export async function portsInUse(ports: Array<{ setting: string; port: number }>, host = '127.0.0.1'): Promise<string[]> {
  const taken: string[] = [];
  for (const { setting, port } of ports) {
    if (port !== 0 && !(await portIsFree(port, host))) taken.push(`${setting}=${port} is in use`);
  }
  return taken;
}
