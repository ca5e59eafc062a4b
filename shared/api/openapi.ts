// The OpenAPI 3.1 description of the HTTP API, served at GET /api/openapi.json. Kept beside the function
// catalog (functions/index.ts): each operation names its function (operationId), route and method, and
// test/unit/api/openapi.test.ts checks both ways that every catalog HTTP route is described and every
// described path is in the catalog. Enumerations (areas, statuses, sort fields, queues, limits) come from
// the code's own constants, so they cannot drift.
import { AREAS } from '../domain/facts/types.js';
import { STATUSES } from '../domain/status/types.js';
import { QUEUES } from '../ports/messageBus.js';
import { LIST_STATUSES, SORT_FIELDS } from './list-query.js';
import { BODY_EXCERPT_CHARS } from './operations.js';
import {
  DEFAULT_DEAD_LETTERS_LIMIT,
  DEFAULT_PARTNERS_LIMIT,
  DEFAULT_RECORDS_LIMIT,
  MAX_DEAD_LETTERS_LIMIT,
  MAX_PARTNERS_LIMIT,
  MAX_RECORDS_LIMIT,
  MAX_SEARCH_CHARS,
} from './params.js';

type Schema = Record<string, unknown>;
type Access = 'public' | 'signed' | 'key' | 'admin';

export interface OperationDescription {
  /** The catalog function that serves it (the document's operationId, made unique; also `x-function`). */
  operationId: string;
  summary: string;
  description?: string;
  access: Access;
  parameters?: Schema[];
  requestBody?: Schema;
  /** Status → response (the error statuses for the access level are added). */
  responses: Record<string, Schema>;
}

/** Catalog routes that are deliberately not part of the API description, with why. */
export const UNDESCRIBED_ROUTES: Readonly<Record<string, string>> = {
  '{*path}': 'the web page (static files of dist/web), not an API',
};

const ref = (name: string): Schema => ({ $ref: `#/components/schemas/${name}` });
const nullable = (schema: Schema): Schema => ({ oneOf: [schema, { type: 'null' }] });
const json = (schema: Schema, description = 'OK'): Schema => ({ description, content: { 'application/json': { schema } } });
const str: Schema = { type: 'string' };
const int: Schema = { type: 'integer' };
const num: Schema = { type: 'number' };
const bool: Schema = { type: 'boolean' };
const day: Schema = { type: 'string', format: 'date', description: 'UTC day YYYY-MM-DD' };
const time: Schema = { type: 'string', format: 'date-time' };
const looseObject = (description: string): Schema => ({ type: 'object', description, additionalProperties: true });
const object = (properties: Record<string, Schema>, required: string[] = Object.keys(properties)): Schema => ({
  type: 'object',
  properties,
  required,
});

const pathParam = (name: string, description: string): Schema => ({ name, in: 'path', required: true, description, schema: str });
const queryParam = (name: string, description: string, schema: Schema = str): Schema => ({
  name,
  in: 'query',
  required: false,
  description,
  schema,
});
const limitParam = (fallback: number, max: number, what: string): Schema =>
  queryParam('limit', `${what} (default ${fallback}).`, { type: 'integer', minimum: 1, maximum: max, default: fallback });
const partnerId = pathParam('partnerId', 'The partner id (Partner Center MPN/PartnerID).');
const areaQuery = queryParam('area', 'One solution area (case-insensitive).', { type: 'string', enum: [...AREAS] });

const ERROR_RESPONSES: Record<string, Schema> = {
  '400': json(ref('Error'), 'A bad or unknown parameter (named in `parameter`), or a bad body'),
  '401': json(ref('Error'), 'No key, or an unknown or revoked one'),
  '403': json(ref('Error'), 'The caller may not use this route (admin only) or see this partner'),
  '404': json(ref('Error'), 'Not found'),
};

const SCHEMAS: Record<string, Schema> = {
  Error: {
    type: 'object',
    properties: { error: str, parameter: { type: 'string', description: 'The route or query parameter at fault (400 only)' } },
    required: ['error'],
  },
  Area: { type: 'string', enum: [...AREAS] },
  Status: { type: 'string', enum: [...STATUSES] },
  PartnerListArea: object({
    area: ref('Area'),
    status: nullable(ref('Status')),
    label: nullable(str),
    total: nullable({ type: 'number', description: 'Exact total as scored' }),
    totalDisplay: nullable({ type: 'string', description: 'One decimal, e.g. "72.5"' }),
    qualifiesToday: nullable(bool),
    track: nullable(str),
    atRisk: { type: 'boolean', description: "In the last nightly run's at-risk findings" },
    anniversary: nullable(day),
    daysUntilAnniversary: nullable({ type: 'integer', description: 'Negative inside the renewal window; null when not enrolled' }),
  }),
  PartnerListItem: object(
    {
      partnerId: str,
      name: { type: 'string', description: 'Absent when the profile has none' },
      asOf: nullable(day),
      today: nullable(day),
      nextAnniversary: nullable(day),
      areas: { type: 'array', items: ref('PartnerListArea'), description: `Always the six areas, in the order ${AREAS.join(', ')}` },
    },
    ['partnerId', 'asOf', 'today', 'nextAnniversary', 'areas'],
  ),
  PartnerList: object({
    partners: { type: 'array', items: ref('PartnerListItem') },
    continuation: nullable({ type: 'string', description: 'Pass as ?continuation= with the same filters and sort; null on the last page' }),
  }),
  AreaCounts: object({ ...Object.fromEntries(STATUSES.map((s) => [s, int])), atRisk: int }),
  PartnersSummary: object({
    partners: int,
    areas: object(Object.fromEntries(AREAS.map((a) => [a, ref('AreaCounts')]))),
  }),
  PartnerMail: object({
    notificationId: str,
    kind: nullable(str),
    area: nullable(str),
    state: { type: 'string', enum: ['sent', 'skipped', 'sending'] },
    subject: nullable(str),
    recipients: { type: 'array', items: str },
    language: nullable(str),
    sentAt: nullable(time),
    skippedAt: nullable(time),
    reason: nullable(str),
    attempts: int,
    lastError: nullable(object({ message: str, at: str })),
    at: nullable({ ...time, description: 'sentAt, skippedAt, or the last claim or failure: the order of the list' }),
  }),
  PartnerMails: object({ partnerId: str, mails: { type: 'array', items: ref('PartnerMail') } }),
  BodyExcerpt: object({
    bodyExcerpt: { type: 'string', description: `The body as JSON text, at most ${BODY_EXCERPT_CHARS} characters` },
    bodyTruncated: bool,
  }),
  RejectedMessage: {
    allOf: [
      object({
        id: str,
        functionName: str,
        queue: nullable({ type: 'string', enum: Object.values(QUEUES) }),
        messageId: str,
        deliveryCount: nullable(int),
        reason: str,
        rejectedAt: time,
      }),
      ref('BodyExcerpt'),
    ],
  },
  RejectedMessages: object({ rejectedMessages: { type: 'array', items: ref('RejectedMessage') } }),
  DeadLetter: {
    allOf: [
      object({
        messageId: nullable(str),
        sequenceNumber: nullable({ type: 'string', description: '64-bit sequence number, decimal' }),
        deadLetterReason: nullable(str),
        deadLetterErrorDescription: nullable(str),
        enqueuedTimeUtc: nullable(time),
        deliveryCount: nullable(int),
      }),
      ref('BodyExcerpt'),
    ],
  },
  DeadLetters: object({
    queues: {
      type: 'array',
      items: object({
        queue: { type: 'string', enum: Object.values(QUEUES) },
        messages: { type: 'array', items: ref('DeadLetter') },
        more: { type: 'boolean', description: 'More than `limit` are dead-lettered' },
      }),
    },
  }),
  PartnerDetail: {
    ...object(
      {
        partnerId: str,
        name: str,
        statusDay: day,
        scoring: object({ asOf: day, today: day, rulesVersion: str }),
        computedAt: time,
        lastChangeAt: nullable(time),
        areas: {
          type: 'array',
          items: {
            type: 'object',
            additionalProperties: true,
            properties: {
              area: ref('Area'),
              status: ref('Status'),
              label: str,
              cause: nullable(str),
              since: day,
              window: object({ start: day, end: day }),
              monthlyMaxima: { type: 'array', items: object({ month: str, maxTotal: nullable(num), qualified: bool }) },
              anniversary: nullable(day),
              daysUntilAnniversary: nullable(int),
              renewalWindow: nullable(object({ start: day, end: day })),
              eligibleToRenew: nullable(bool),
              frozenAzureTrack: nullable(str),
              score: nullable(looseObject('track, trackTotals, metrics (value, points, maxPoints), total, totalDisplay, qualifiesToday')),
              atRisk: nullable(looseObject('month, forecastAsOf, total, metric, reason')),
            },
          },
        },
        recentTransitions: { type: 'array', items: looseObject('A transition: area, from, to, cause, day') },
      },
      ['partnerId', 'statusDay', 'scoring', 'computedAt', 'lastChangeAt', 'areas', 'recentTransitions'],
    ),
  },
  PartnerExplanations: looseObject(
    'partnerId, asOf, today, factsVersion, explanations (per area and metric: tenants and people counted and why not), omitted',
  ),
  PartnerHistory: looseObject(
    'partnerId, statusDay, from, to, keptFrom, areas: [{ area, days: [{ day, total, qualifies, backfilled }], monthlyMaxima }]',
  ),
  PartnerRecommendations: looseObject(
    'Per area: a plan of single steps reaching 70 (or null with a reason), the total after it, its cost, status, renewal eligibility, at-risk finding',
  ),
  PartnerForecast: looseObject('The forecasts of next month and the month after, per area with a flag when it falls'),
  Health: object({
    status: { type: 'string', enum: ['ok', 'unhealthy'] },
    checkedAt: time,
    checks: looseObject('Per dependency: ok, latencyMs, error'),
  }),
  Me: object({ admin: bool, partners: nullable({ type: 'array', items: str }), via: str }),
  Imports: object({
    imports: { type: 'array', items: looseObject('An import report: file, rows, accepted, rejected rows with line, column and reason') },
  }),
  ImportReport: looseObject('An import report: file, rows, accepted, rejected rows with line, column and reason'),
  Accepted: looseObject('202: what was accepted (message ids)'),
  Claims: looseObject('The partner’s CPOR claims with status and deadlines'),
  Claim: looseObject('One claim: data, status, history, associations, deadlines'),
  OpenApi: looseObject('This document'),
};

const PARTNER_LIST_PARAMETERS: Schema[] = [
  queryParam(
    'status',
    'Only partners with this status in `area` (or in any area without `area`); atRisk = found at risk by the last nightly run.',
    {
      type: 'string',
      enum: [...LIST_STATUSES],
    },
  ),
  { ...areaQuery, description: 'The area `status` applies to (alone it filters nothing).' },
  queryParam('q', `Case-insensitive substring of the name or the partner id (at most ${MAX_SEARCH_CHARS} characters).`, {
    type: 'string',
    maxLength: MAX_SEARCH_CHARS,
  }),
  queryParam(
    'sort',
    'One field, `-field` for descending (default partnerId). Unknown values (no name, not enrolled) sort first ascending.',
    {
      type: 'string',
      enum: SORT_FIELDS.flatMap((f) => [f, `-${f}`]),
    },
  ),
  limitParam(DEFAULT_PARTNERS_LIMIT, MAX_PARTNERS_LIMIT, 'Partners a page at most; a page may hold fewer'),
  queryParam('continuation', "The previous page's `continuation`, with the same filters and sort (else 400)."),
];

/** Every described route: path (as in the catalog, without `api/`) → method → operation. */
export const API_OPERATIONS: Readonly<Record<string, Readonly<Record<string, OperationDescription>>>> = {
  health: {
    get: {
      operationId: 'health',
      summary: 'Each dependency with ok and latency; 503 if one is down',
      access: 'public',
      responses: { '200': json(ref('Health')), '503': json(ref('Health'), 'A dependency is down') },
    },
  },
  'openapi.json': {
    get: {
      operationId: 'openApi',
      summary: 'This description (OpenAPI 3.1)',
      access: 'public',
      responses: { '200': json(ref('OpenApi')) },
    },
  },
  me: {
    get: {
      operationId: 'me',
      summary: "The caller's scope: admin, partners (null: all)",
      access: 'key',
      responses: { '200': json(ref('Me')) },
    },
  },
  changes: {
    post: {
      operationId: 'submitChanges',
      summary: 'Change events signed with Standard Webhooks (webhook-id, webhook-timestamp, webhook-signature)',
      access: 'signed',
      requestBody: { required: true, content: { 'application/json': { schema: looseObject('{ changes: [...] } change events') } } },
      responses: { '202': json(ref('Accepted'), 'Accepted') },
    },
  },
  imports: {
    get: {
      operationId: 'listImports',
      summary: 'Latest import reports, newest first',
      access: 'admin',
      parameters: [limitParam(20, 100, 'Reports')],
      responses: { '200': json(ref('Imports')) },
    },
  },
  'imports/{id}': {
    get: {
      operationId: 'listImports',
      summary: 'One import report',
      access: 'admin',
      parameters: [pathParam('id', 'Report id')],
      responses: { '200': json(ref('ImportReport')) },
    },
  },
  partners: {
    get: {
      operationId: 'listPartners',
      summary: 'The portfolio: partners filtered, searched and sorted, one page a call',
      description:
        'Only the caller’s partners for a partner-scoped key. An unknown parameter is a 400 naming it (`code`, the function key, is allowed).',
      access: 'key',
      parameters: PARTNER_LIST_PARAMETERS,
      responses: { '200': json(ref('PartnerList')) },
    },
  },
  'partners/summary': {
    get: {
      operationId: 'getPartnersSummary',
      summary: 'Counts for the summary line: partners, and per area each status and at risk, over the same `q`',
      access: 'key',
      parameters: [PARTNER_LIST_PARAMETERS[2]!],
      responses: { '200': json(ref('PartnersSummary')) },
    },
  },
  'partners/{partnerId}': {
    get: {
      operationId: 'getPartner',
      summary: 'One partner: per area status, window, maxima, anniversary, at risk, last score; recent transitions',
      access: 'key',
      parameters: [partnerId],
      responses: { '200': json(ref('PartnerDetail')) },
    },
  },
  'partners/{partnerId}/explanations': {
    get: {
      operationId: 'getPartnerExplanations',
      summary: 'Which tenants and people counted per metric, and why others did not',
      access: 'key',
      parameters: [partnerId, areaQuery],
      responses: { '200': json(ref('PartnerExplanations')) },
    },
  },
  'partners/{partnerId}/history': {
    get: {
      operationId: 'getPartnerHistory',
      summary: 'Recorded days per area in [from, to] and the monthly maxima',
      access: 'key',
      parameters: [partnerId, areaQuery, queryParam('from', 'First day, inclusive', day), queryParam('to', 'Last day, inclusive', day)],
      responses: { '200': json(ref('PartnerHistory')) },
    },
  },
  'partners/{partnerId}/recommendations': {
    get: {
      operationId: 'getPartnerRecommendations',
      summary: 'Gap analysis: the steps that would reach 70 per area',
      access: 'key',
      parameters: [partnerId, areaQuery],
      responses: { '200': json(ref('PartnerRecommendations')) },
    },
  },
  'partners/{partnerId}/forecast': {
    get: {
      operationId: 'getPartnerForecast',
      summary: 'Next month and the month after, with what falls',
      access: 'key',
      parameters: [partnerId],
      responses: { '200': json(ref('PartnerForecast')) },
    },
  },
  'partners/{partnerId}/mails': {
    get: {
      operationId: 'getPartnerMails',
      summary: "The partner's notification records (sent, skipped, sending), newest first",
      access: 'key',
      parameters: [partnerId, limitParam(DEFAULT_RECORDS_LIMIT, MAX_RECORDS_LIMIT, 'Records')],
      responses: { '200': json(ref('PartnerMails')) },
    },
  },
  'operations/rejected': {
    get: {
      operationId: 'listRejectedMessages',
      summary: 'Messages a handler refused (function, queue, reason, when, body excerpt), newest first',
      access: 'admin',
      parameters: [limitParam(DEFAULT_RECORDS_LIMIT, MAX_RECORDS_LIMIT, 'Records')],
      responses: { '200': json(ref('RejectedMessages')) },
    },
  },
  'operations/dead-letters': {
    get: {
      operationId: 'listDeadLetters',
      summary: 'The dead-letter sub-queue of each queue, peeked (never received)',
      access: 'admin',
      parameters: [
        queryParam('queue', 'One queue; all three without it.', { type: 'string', enum: Object.values(QUEUES) }),
        limitParam(DEFAULT_DEAD_LETTERS_LIMIT, MAX_DEAD_LETTERS_LIMIT, 'Messages a queue'),
      ],
      responses: { '200': json(ref('DeadLetters')) },
    },
  },
  'claims/events': {
    post: {
      operationId: 'submitClaimEvent',
      summary: 'One CPOR claim event or submission, signed like /api/changes',
      access: 'signed',
      requestBody: { required: true, content: { 'application/json': { schema: looseObject('A claim event') } } },
      responses: { '202': json(ref('Accepted'), 'Accepted'), '409': json(ref('Error'), 'The transition is not allowed') },
    },
  },
  'claims/{partnerId}': {
    get: {
      operationId: 'listClaims',
      summary: "The partner's CPOR claims",
      access: 'key',
      parameters: [partnerId],
      responses: { '200': json(ref('Claims')) },
    },
  },
  'claims/{partnerId}/{claimId}': {
    get: {
      operationId: 'getClaim',
      summary: 'One claim',
      access: 'key',
      parameters: [partnerId, pathParam('claimId', 'Claim id')],
      responses: { '200': json(ref('Claim')) },
    },
  },
};

function errorResponses(op: OperationDescription): Record<string, Schema> {
  const out: Record<string, Schema> = {};
  const hasInput = (op.parameters?.length ?? 0) > 0 || op.requestBody !== undefined || op.access === 'key' || op.access === 'admin';
  if (hasInput) out['400'] = ERROR_RESPONSES['400']!;
  if (op.access === 'key' || op.access === 'admin' || op.access === 'signed') out['401'] = ERROR_RESPONSES['401']!;
  if (op.access === 'key' || op.access === 'admin') out['403'] = ERROR_RESPONSES['403']!;
  if (op.parameters?.some((p) => p.in === 'path')) out['404'] = ERROR_RESPONSES['404']!;
  return out;
}

/** The OpenAPI 3.1 document (paths under /api/). */
export function openApiDocument(): Record<string, unknown> {
  const paths: Record<string, Record<string, unknown>> = {};
  const uses = new Map<string, number>();
  for (const methods of Object.values(API_OPERATIONS))
    for (const op of Object.values(methods)) uses.set(op.operationId, (uses.get(op.operationId) ?? 0) + 1);
  for (const [route, methods] of Object.entries(API_OPERATIONS)) {
    const item: Record<string, unknown> = {};
    for (const [method, op] of Object.entries(methods)) {
      item[method] = {
        // operationIds are unique in a document: a function serving two paths (imports, imports/{id}) gets the path appended.
        operationId: uses.get(op.operationId)! > 1 ? `${op.operationId}_${route.replace(/\W+/g, '_')}` : op.operationId,
        summary: op.summary,
        ...(op.description ? { description: op.description } : {}),
        'x-function': op.operationId,
        'x-access': op.access,
        ...(op.parameters ? { parameters: op.parameters } : {}),
        ...(op.requestBody ? { requestBody: op.requestBody } : {}),
        responses: { ...op.responses, ...errorResponses(op) },
        ...(op.access === 'public' || op.access === 'signed' ? { security: [] } : {}),
      };
    }
    paths[`/api/${route}`] = item;
  }
  return {
    openapi: '3.1.0',
    info: {
      title: 'designation-tracker',
      version: '1',
      description:
        'Microsoft Solutions Partner designations per partner: scores, statuses, guidance, mails, operations. ' +
        'Errors are JSON { error, parameter? }. Routes marked x-access admin need an admin key; partner routes ' +
        'answer only for the caller’s partners.',
    },
    servers: [{ url: '/' }],
    security: [{ functionKey: [] }, { bearer: [] }],
    paths,
    components: {
      securitySchemes: {
        functionKey: { type: 'apiKey', in: 'header', name: 'x-functions-key', description: 'An API key (pcs keys create)' },
        bearer: { type: 'http', scheme: 'bearer', description: 'The same API key as a bearer token' },
      },
      schemas: SCHEMAS,
    },
  };
}
