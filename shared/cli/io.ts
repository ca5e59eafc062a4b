// The command's streams and exit codes, injectable so commands are testable without a process.
import { readFileSync } from 'node:fs';

export const EXIT_OK = 0;
export const EXIT_USAGE = 1;
export const EXIT_BAD_INPUT = 2;

export interface CliIo {
  stdout: (text: string) => void;
  stderr: (text: string) => void;
  /** Reads a file path, or standard input for "-". */
  readInput: (path: string) => Promise<string>;
}

export class InputNotFound extends Error {}

export const processIo: CliIo = {
  stdout: (text) => process.stdout.write(text),
  stderr: (text) => process.stderr.write(text),
  readInput: async (path) => {
    if (path === '-') {
      const chunks: Buffer[] = [];
      for await (const chunk of process.stdin) chunks.push(chunk as Buffer);
      return Buffer.concat(chunks).toString('utf8');
    }
    try {
      return readFileSync(path, 'utf8');
    } catch (error) {
      throw new InputNotFound(`cannot read ${path}: ${(error as Error).message}`);
    }
  },
};

export interface Command {
  summary: string;
  usage: string;
  run(args: string[], io: CliIo): Promise<number>;
}
