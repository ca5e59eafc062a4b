// The folder dependency rules of docs/architecture.md, as data: every room of the tree, what it may import
// (other rooms, packages) and, for an application service, which of its modules other services may use
// (its public face). devtools/lint/dependencies.ts checks every import of functions/, shared/, devtools/,
// bench/ and web/src against this table (npm run lint). Change a rule here and in docs/architecture.md together.

/** The cloud SDKs and wire clients: only adapters and composition roots (functions/, shared/cli, devtools/, bench/) use them. */
export const SDKS: readonly string[] = [
  '@azure/communication-email',
  '@azure/cosmos',
  '@azure/data-tables',
  '@azure/identity',
  '@azure/service-bus',
  '@azure/storage-blob',
  '@azure/storage-queue',
  'nodemailer',
  'rhea',
];

/** What a room may import from npm and Node. */
export type PackagePolicy =
  /** Anything installed. */
  | { kind: 'any' }
  /** Only these (exact names, `node:x` for Node's modules). */
  | { kind: 'only'; names: readonly string[] }
  /** Anything but these; `typesOk`: an `import type` of them compiles away and is allowed. */
  | { kind: 'not'; names: readonly string[]; typesOk: boolean };

export interface Room {
  /** Short name used in `may` lists and messages. */
  name: string;
  /** Folder (or folders) relative to the repository root; a file belongs to the room with the longest matching folder. */
  folders: readonly string[];
  /** Its one job (docs/architecture.md says the same). */
  job: string;
  /** Rooms it may import from (its own room always). */
  may: readonly string[];
  /** Rooms it may take types from only (`import type`: nothing of them is bundled or loaded). */
  typesFrom?: readonly string[];
  packages: PackagePolicy;
  /**
   * Set for an application service: the modules (relative to its folder) other services may import. Any
   * other module of the service is internal to it. Handlers and composition roots may import any module.
   */
  publicFace?: readonly string[];
}

const NO_SDK: PackagePolicy = { kind: 'not', names: SDKS, typesOk: false };
const NO_SDK_RUNTIME: PackagePolicy = { kind: 'not', names: SDKS, typesOk: true };
/** The lower layers every service may use. */
const BELOW_SERVICES = ['domain', 'ports', 'store', 'bus', 'webhooks', 'config', 'log'] as const;

export const ROOMS: readonly Room[] = [
  // The pure core.
  {
    name: 'domain',
    folders: ['shared/domain'],
    job: 'pure rules: facts, rule catalog, scoring, status machine, changes, claims, guidance, calendar',
    may: [],
    packages: { kind: 'only', names: ['zod', 'node:crypto'] },
  },
  {
    name: 'ports',
    folders: ['shared/ports'],
    job: 'the interfaces use cases depend on: store, bus, mailer, clock, export source, logger, health, dead letters',
    may: ['domain'],
    packages: { kind: 'only', names: ['zod', 'node:stream'] },
  },
  // Lower shared layers, over the ports.
  {
    name: 'store',
    folders: ['shared/store'],
    job: 'helpers over the DocumentStore port: conditional writes, paging, ids, TTLs',
    may: ['domain', 'ports'],
    packages: NO_SDK,
  },
  {
    name: 'bus',
    folders: ['shared/bus'],
    job: 'sending over the MessageBus port: change messages to partner-changes with content-hash ids',
    may: ['domain', 'ports'],
    packages: NO_SDK,
  },
  {
    name: 'log',
    folders: ['shared/log'],
    job: 'redaction of what goes to the log (secrets, addresses)',
    may: [],
    packages: { kind: 'only', names: ['node:crypto'] },
  },
  {
    name: 'webhooks',
    folders: ['shared/webhooks'],
    job: 'Standard Webhooks: signing, verifying, and receiving one signed delivery once (dedupe, recorded answer)',
    may: ['domain', 'ports', 'store'],
    packages: NO_SDK,
  },
  {
    name: 'config',
    folders: ['shared/config'],
    job: 'the settings: one zod schema over the environment, parsed once by the composition root',
    may: ['domain', 'webhooks'],
    packages: NO_SDK,
  },
  // Application services (use cases over the ports).
  {
    name: 'access',
    folders: ['shared/access'],
    job: 'who the caller is: API keys, Entra sign-in, principals, partner scoping',
    may: [...BELOW_SERVICES],
    packages: NO_SDK_RUNTIME,
    publicFace: [],
  },
  {
    name: 'imports',
    folders: ['shared/imports'],
    job: 'reading export files: CSV/NDJSON parsing, column maps, header presets, batching, import reports',
    may: [...BELOW_SERVICES],
    packages: NO_SDK_RUNTIME,
    publicFace: ['bulk-id.ts', 'columns.ts', 'csv.ts', 'decode.ts', 'header-presets.ts', 'import-file.ts', 'message-size.ts', 'report.ts'],
  },
  {
    name: 'ingestion',
    folders: ['shared/ingestion'],
    job: 'sources of change: export pull, Partner Center Insights pull, signed push; all end on partner-changes',
    may: [...BELOW_SERVICES, 'imports'],
    packages: NO_SDK_RUNTIME,
    publicFace: [],
  },
  {
    name: 'notifications',
    folders: ['shared/notifications'],
    job: 'mails: the notification message, templates, sending each one once',
    may: [...BELOW_SERVICES],
    packages: NO_SDK_RUNTIME,
    // message.ts: the message it consumes; sendOnce.ts: the sent-mail records it writes (the API reads them).
    publicFace: ['message.ts', 'sendOnce.ts'],
  },
  {
    name: 'pipeline',
    folders: ['shared/pipeline'],
    job: 'a partner change end to end: apply, recompute, status, outbox dispatch, nightly run',
    may: [...BELOW_SERVICES, 'notifications'],
    packages: NO_SDK_RUNTIME,
    publicFace: ['explanations.ts', 'guidance.ts', 'partner-repository.ts', 'state-doc.ts', 'stored-facts.ts', 'view.ts'],
  },
  {
    name: 'claims',
    folders: ['shared/claims'],
    job: 'CPOR claims: storage, events and their effects, the signed webhook, deadlines, views',
    may: [...BELOW_SERVICES, 'pipeline'],
    packages: NO_SDK_RUNTIME,
    publicFace: [],
  },
  {
    name: 'api',
    folders: ['shared/api'],
    job: 'the read API: parameters, shaping and reads behind the GET routes, HTTP answers, OpenAPI',
    may: [...BELOW_SERVICES, 'pipeline', 'notifications'],
    packages: NO_SDK_RUNTIME,
    publicFace: [],
  },
  {
    name: 'web-serving',
    folders: ['shared/web'],
    job: 'serving and building the dashboard page (dist/web)',
    may: [...BELOW_SERVICES],
    packages: NO_SDK,
    publicFace: [],
  },
  // Over the services.
  {
    name: 'handlers',
    folders: ['shared/handlers'],
    job: 'handler factories (ports, config) => (trigger input, context) => result; no adapters',
    may: [...BELOW_SERVICES, 'access', 'imports', 'ingestion', 'notifications', 'pipeline', 'claims', 'api', 'web-serving'],
    packages: NO_SDK,
  },
  {
    name: 'adapters',
    folders: ['shared/adapters'],
    job: 'the ports implemented with the SDKs (Cosmos, Service Bus, Blob, mail, identity, system clock)',
    may: ['domain', 'ports', 'store', 'config', 'log', 'adapters'],
    packages: { kind: 'any' },
  },
  // Composition roots and tools.
  {
    name: 'cli',
    folders: ['shared/cli'],
    job: 'the pcs command (a composition root of its own)',
    may: [...BELOW_SERVICES, 'access', 'imports', 'ingestion', 'notifications', 'pipeline', 'claims', 'api', 'handlers', 'adapters'],
    packages: { kind: 'any' },
  },
  {
    name: 'functions',
    folders: ['functions'],
    job: 'the catalog of functions and the composition root: reads the environment once, builds ports and handlers',
    may: [...BELOW_SERVICES, 'access', 'ingestion', 'handlers', 'adapters'],
    packages: { kind: 'any' },
  },
  {
    name: 'devtools',
    folders: ['devtools'],
    job: 'local-only: host, stand-ins, SMTP sink, soak, lint; never imported by production code',
    may: [
      ...BELOW_SERVICES,
      'access',
      'imports',
      'ingestion',
      'notifications',
      'pipeline',
      'claims',
      'api',
      'web-serving',
      'handlers',
      'adapters',
      'functions',
      'devtools',
    ],
    packages: { kind: 'any' },
  },
  {
    name: 'bench',
    folders: ['bench'],
    job: 'npm run bench: measures, never asserts',
    may: [...BELOW_SERVICES, 'imports', 'ingestion', 'pipeline', 'adapters', 'handlers', 'devtools', 'test'],
    packages: { kind: 'any' },
  },
  {
    name: 'web',
    folders: ['web/src'],
    job: 'the dashboard page (browser): talks to the HTTP API only, typed with the server types',
    may: [],
    typesFrom: ['domain', 'api'],
    packages: { kind: 'only', names: ['preact', 'preact/hooks', 'chart.js'] },
  },
  // Rooms that are imported but not checked here.
  { name: 'test', folders: ['test'], job: 'vitest: test/unit (pure) and test/integration (stand-ins)', may: [], packages: { kind: 'any' } },
];

/** Folders whose .ts/.tsx files are checked. */
export const CHECKED_FOLDERS: readonly string[] = ['functions', 'shared', 'devtools', 'bench', 'web/src'];

/**
 * Known arrows that point the wrong way, kept until their fix lands (each names why and what fixes it). An
 * import matching one is not reported; one that no longer occurs is (so the list only shrinks).
 */
export interface KnownDebt {
  /** Importing files: this folder (or file), repository-relative. */
  from: string;
  /** The imported file. */
  target: string;
  why: string;
}
export const KNOWN_DEBT: readonly KnownDebt[] = [];
