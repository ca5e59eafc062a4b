// Starts @vercel/cosmosdb-server over HTTPS with keep-alive (its CLI cannot turn keep-alive on, which makes
// every request pay a TLS handshake). Usage: node cosmos-server.mjs <port> <host> [dataDir]. Port 0 = any
// free port. With a dataDir, databases, containers and documents persist there (cosmos-persistence.mjs);
// without one, everything is in memory. Reports the bound port to the parent over IPC ({ ready: true, port }).
import { createHttpsServer } from '@vercel/cosmosdb-server';
import { answerQueryPlans, scopeQueriesToPartition } from './cosmos-partition-queries.mjs';
import { persistCosmos } from './cosmos-persistence.mjs';

const port = Number(process.argv[2] ?? 8081);
const host = process.argv[3] ?? '127.0.0.1';
const dataDir = process.argv[4] || undefined;
const persistence = dataDir ? persistCosmos(dataDir) : undefined;
const server = createHttpsServer({ keepAlive: true });
persistence?.wrapServer(server);
scopeQueriesToPartition(server);
answerQueryPlans(server); // last: it wraps the listeners above
// Requests served (query-plan requests apart), for the bench's per-change count: asked over IPC.
const served = { requests: 0, queryPlans: 0 };
server.prependListener('request', (req) => {
  if (String(req.headers['x-ms-cosmos-is-query-plan-request'] ?? '').toLowerCase() === 'true') served.queryPlans++;
  else served.requests++;
});
process.on('message', (m) => {
  if (m && typeof m === 'object' && m.requestCount === true) process.send?.({ requestCount: { ...served } });
});
server.on('error', (err) => {
  console.error(`cosmosdb-server: ${err.message}`);
  process.exit(1);
});
server.listen(port, host, () => {
  const address = server.address();
  const bound = typeof address === 'object' && address ? address.port : port;
  // The account (and with it the replay) is created by the server's own 'listening' listener, before this one.
  const loaded = persistence?.loaded();
  if (process.send) process.send({ ready: true, port: bound, ...(loaded ? { loaded } : {}) });
  else
    console.log(`cosmosdb-server listening on https://${host}:${bound}${loaded ? ` (${loaded.documents} documents from ${dataDir})` : ''}`);
});
