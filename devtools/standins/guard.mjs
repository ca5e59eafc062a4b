// Runs a Node script inside this process and exits as soon as the parent goes away (its IPC channel
// disconnects), so a stand-in never outlives the process that started it, even one killed with SIGKILL.
// Usage (from child.ts): node guard.mjs <script> [args...]
import { pathToFileURL } from 'node:url';

const [script, ...args] = process.argv.slice(2);
if (!script) {
  console.error('guard.mjs: no script given');
  process.exit(2);
}
process.on('disconnect', () => process.exit(0));
process.argv = [process.argv[0] ?? 'node', script, ...args];
await import(pathToFileURL(script).href);
