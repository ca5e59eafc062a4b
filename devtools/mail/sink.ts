// A local SMTP sink: accepts every mail on 127.0.0.1 and writes it, unmodified, as an .eml file.
// Open the files with any mail client, or parse them with mailparser in tests.
import { mkdir, writeFile } from 'node:fs/promises';
import type { AddressInfo } from 'node:net';
import path from 'node:path';

import { SMTPServer } from 'smtp-server';

export interface SmtpSink {
  host: string;
  port: number;
  dir: string;
  /** Number of mails written since start. */
  received(): number;
  close(): Promise<void>;
}

function fileNameFor(raw: Buffer, seq: number): string {
  const head = raw.subarray(0, 16_384).toString('latin1');
  const id = /^message-id:\s*<?([^>\r\n]+)>?/im.exec(head)?.[1] ?? 'no-id';
  const stamp = new Date().toISOString().replace(/[:.]/g, '-');
  return `${stamp}-${String(seq).padStart(4, '0')}-${id.replace(/[^A-Za-z0-9._-]/g, '_').slice(0, 80)}.eml`;
}

export async function startSmtpSink(opts: { port?: number; host?: string; dir: string; log?: (line: string) => void }): Promise<SmtpSink> {
  const host = opts.host ?? '127.0.0.1';
  const dir = path.resolve(opts.dir);
  await mkdir(dir, { recursive: true });
  let count = 0;
  const server = new SMTPServer({
    authOptional: true,
    disabledCommands: ['STARTTLS'],
    logger: false,
    banner: 'designation-tracker local mail sink',
    onData(stream, _session, callback) {
      const chunks: Buffer[] = [];
      stream.on('data', (c: Buffer) => chunks.push(c));
      stream.on('error', callback);
      stream.on('end', () => {
        const raw = Buffer.concat(chunks);
        const file = path.join(dir, fileNameFor(raw, ++count));
        writeFile(file, raw).then(
          () => {
            opts.log?.(`mail → ${file}`);
            callback();
          },
          (err: Error) => callback(err),
        );
      });
    },
  });
  await new Promise<void>((resolve, reject) => {
    server.once('error', reject);
    server.listen(opts.port ?? 2525, host, () => resolve());
  });
  server.on('error', (err) => opts.log?.(`smtp sink: ${err.message}`));
  const port = (server.server.address() as AddressInfo).port;
  return {
    host,
    port,
    dir,
    received: () => count,
    close: () => new Promise<void>((resolve) => server.close(() => resolve())),
  };
}
