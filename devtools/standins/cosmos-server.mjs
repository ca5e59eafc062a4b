// Starts @vercel/cosmosdb-server over HTTPS with keep-alive (its CLI cannot turn keep-alive on, which makes
// every request pay a TLS handshake). Usage: node cosmos-server.mjs <port> <host>. Port 0 = any free port.
// Reports the bound port to the parent over IPC ({ ready: true, port }).
import { createHttpsServer } from '@vercel/cosmosdb-server';

const port = Number(process.argv[2] ?? 8081);
const host = process.argv[3] ?? '127.0.0.1';
const server = createHttpsServer({ keepAlive: true });
server.on('error', (err) => {
  console.error(`cosmosdb-server: ${err.message}`);
  process.exit(1);
});
server.listen(port, host, () => {
  const address = server.address();
  const bound = typeof address === 'object' && address ? address.port : port;
  if (process.send) process.send({ ready: true, port: bound });
  else console.log(`cosmosdb-server listening on https://${host}:${bound}`);
});
