// The pcs subcommands. Each loads lazily so `pcs score` does not pay for other commands' imports.
// To add a subcommand, add one line here pointing at its module (which exports `command`).
import type { Command } from '../io.js';

export const COMMANDS: Record<string, () => Promise<Command>> = {
  score: async () => (await import('./score.js')).command,
  facts: async () => (await import('./facts.js')).command,
  gap: async () => (await import('./gap.js')).command,
  forecast: async () => (await import('./forecast.js')).command,
  keys: async () => (await import('./keys.js')).command,
  replay: async () => (await import('./replay.js')).command,
};
