// A stand-in for `@azure/functions-core`, the module the Functions host injects into the Node worker.
// @azure/functions `require`s it lazily on the first app.* call; with this installed first, every
// registration (binding metadata + the user's handler) lands in a registry we can list and drive.
// Only what @azure/functions 4.x calls is implemented: setProgrammingModel, getProgrammingModel,
// registerFunction, registerHook, log.
import Module from 'node:module';
import path from 'node:path';

export interface CoreBinding {
  type: string;
  direction: 'in' | 'out';
  name?: string;
  [option: string]: unknown;
}

export interface RegisteredFunction {
  name: string;
  bindings: Record<string, CoreBinding>;
  /** The binding whose type ends in "Trigger". */
  trigger: CoreBinding & { name: string };
  /** The user's handler, exactly as passed to app.*. */
  handler: (...args: unknown[]) => unknown;
  retryOptions?: unknown;
}

export interface FakeCoreRegistry {
  functions: Map<string, RegisteredFunction>;
  hooks: Map<string, Array<(context: unknown) => unknown>>;
  programmingModel: unknown;
  systemLogs: Array<{ level: string; message: string }>;
}

const REGISTRY_KEY = Symbol.for('designation-tracker.fake-functions-core');
const CORE_REQUEST = '@azure/functions-core';
// A path-shaped id for the require cache entry (no file exists there; nothing ever reads it).
const FAKE_FILENAME = path.join(import.meta.dirname ?? process.cwd(), '__fake_azure_functions_core__.cjs');

type ModuleInternals = typeof Module & {
  _resolveFilename: (request: string, ...rest: unknown[]) => string;
  _cache: Record<string, Module>;
};

function createCoreApi(registry: FakeCoreRegistry) {
  return {
    version: '4.0.0-local',
    hostVersion: '4.0.0-local',
    setProgrammingModel(model: unknown) {
      registry.programmingModel = model;
    },
    getProgrammingModel() {
      return registry.programmingModel;
    },
    registerFunction(
      metadata: { name: string; bindings: Record<string, CoreBinding>; retryOptions?: unknown },
      callback: (...args: unknown[]) => unknown,
    ) {
      const entry = Object.entries(metadata.bindings).find(([, b]) => /trigger$/i.test(b.type));
      if (!entry) throw new Error(`function ${metadata.name} has no trigger binding`);
      const [triggerName, trigger] = entry;
      // A re-import (tests) replaces the earlier registration of the same name.
      registry.functions.set(metadata.name, {
        name: metadata.name,
        bindings: metadata.bindings,
        trigger: { ...trigger, name: triggerName },
        handler: callback,
        retryOptions: metadata.retryOptions,
      });
      return { dispose: () => registry.functions.delete(metadata.name) };
    },
    registerHook(hookName: string, callback: (context: unknown) => unknown) {
      const list = registry.hooks.get(hookName) ?? [];
      list.push(callback);
      registry.hooks.set(hookName, list);
      return {
        dispose: () => {
          const i = list.indexOf(callback);
          if (i >= 0) list.splice(i, 1);
        },
      };
    },
    log(level: string, category: string, message: string) {
      registry.systemLogs.push({ level, message: `[${category}] ${message}` });
    },
  };
}

/**
 * Installs the fake core (once per process) and returns its registry. Must run before the first app.* call;
 * after that @azure/functions has decided it is in "test mode" and registers nothing.
 */
export function installFakeCore(): FakeCoreRegistry {
  const g = globalThis as { [REGISTRY_KEY]?: FakeCoreRegistry };
  const existing = g[REGISTRY_KEY];
  if (existing) return existing;
  const registry: FakeCoreRegistry = { functions: new Map(), hooks: new Map(), programmingModel: undefined, systemLogs: [] };
  const M = Module as ModuleInternals;
  const fake = new Module(FAKE_FILENAME);
  fake.filename = FAKE_FILENAME;
  fake.loaded = true;
  fake.exports = createCoreApi(registry);
  M._cache[FAKE_FILENAME] = fake;
  const original = M._resolveFilename;
  M._resolveFilename = function (request: string, ...rest: unknown[]) {
    if (request === CORE_REQUEST) return FAKE_FILENAME;
    return original.call(this, request, ...rest);
  };
  g[REGISTRY_KEY] = registry;
  return registry;
}

/** Runs the callbacks registered with app.hook.appStart / appTerminate, in order. */
export async function runHooks(registry: FakeCoreRegistry, hookName: 'appStart' | 'appTerminate'): Promise<void> {
  for (const cb of registry.hooks.get(hookName) ?? []) {
    await cb({ hookData: {}, appHookData: {}, functionAppDirectory: process.cwd() });
  }
}

/** Resolves `%SETTING%` binding expressions from app settings, as the Functions host does. */
export function resolveBindingExpression(value: string, settings: Record<string, unknown>): string {
  return value.replace(/%([^%]+)%/g, (_, name: string) => {
    const v = settings[name];
    if (v === undefined || v === null || v === '') throw new Error(`binding expression %${name}% names a setting that is not set`);
    return String(v);
  });
}
