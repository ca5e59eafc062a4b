// Use case: apply one change message (a batch of change events for one partner) to the partner's
// stored documents, then recompute the partner.
//
// Store cost for a message touching one customer: ONE query (the profile, the state and the touched
// documents, partner-repository.ts documentsById), one ETag write per changed document, then the
// recompute's state write (recompute.ts, change path): 3 operations. A lost race re-reads that document
// by point read (writeWithRetry).
//
// Idempotent and order-independent: every fact is a last-writer-wins register (domain/changes/apply.ts),
// so the same message twice, or messages in any order, leave the same documents' facts. Each affected
// document is point-read, changed in memory and written on its ETag (create if absent: on 409 re-read
// and redo; replace ifMatch: on 412 re-read and redo; bounded). A document the changes do not change is
// not written. The partner is recomputed even when nothing changed, so a delivery that crashed after
// writing the documents but before the recompute is completed by its redelivery.
import { applyChanges, applySnapshot, docRefFor } from '../domain/changes/apply.js';
import { DOC_SIZE_WARNING_BYTES, docSizeBytes, type PartnerDoc, type ProfileDoc, profileDocId } from '../domain/changes/docs.js';
import { type ChangeEvent, type SnapshotKind } from '../domain/changes/events.js';
import { type PartnerChangeMessage, partnerChangeMessageSchema } from '../domain/changes/message.js';
import { describeIssues } from '../domain/issues.js';
import type { Versioned } from '../ports/documentStore.js';
import { type Logger, silentLogger } from '../ports/logger.js';
import { isWriteConflict } from '../store/conditional.js';
import { clearBulkReady, noteBulkMessage } from './bulk-file.js';
import { type PipelineDeps, settingsOf, WriteContentionError } from './deps.js';
import { PartnerRepository, type Stored } from './partner-repository.js';
import { type RecomputeOutcome, recomputePartner } from './recompute.js';
import { type PartnerStateDoc, STATE_DOC_ID } from './state-doc.js';

/** Documents written concurrently while applying one message. */
const WRITE_CONCURRENCY = 8;

export type ApplyOutcome =
  | { outcome: 'invalid'; reason: string }
  | {
      outcome: 'applied';
      partnerId: string;
      messageId: string;
      /** Ids of documents written. */
      written: string[];
      /** Ids of documents the changes did not change (older, repeated, or trimmed away). */
      unchanged: string[];
      /** null: a bulk file's message whose file is not complete yet (the partner is recomputed once, when it is). */
      recompute: RecomputeOutcome | null;
    };

/** "field: why; …" for a bad message body. */
export function validatePartnerChangeMessage(body: unknown): { ok: true; message: PartnerChangeMessage } | { ok: false; reason: string } {
  const parsed = partnerChangeMessageSchema.safeParse(body);
  if (!parsed.success) return { ok: false, reason: describeIssues(parsed.error) };
  const message = parsed.data as PartnerChangeMessage;
  const strangers = message.changes
    .map((c, i) => ({ c, i }))
    .filter(({ c }) => c.partnerId !== message.partnerId)
    .map(({ c, i }) => `changes.${i}.partnerId: "${c.partnerId}" is not the message's partner "${message.partnerId}"`);
  if (strangers.length > 0) return { ok: false, reason: strangers.join('; ') };
  if (message.changes.length === 0 && !message.snapshot && message.bulk?.ids === undefined)
    return { ok: false, reason: 'changes: no changes and no snapshot marker' };
  return { ok: true, message };
}

export async function applyPartnerChanges(deps: PipelineDeps, body: unknown, options: { logger?: Logger } = {}): Promise<ApplyOutcome> {
  const logger = options.logger ?? silentLogger;
  const checked = validatePartnerChangeMessage(body);
  if (!checked.ok) return { outcome: 'invalid', reason: checked.reason };
  const message = checked.message;
  const { partnerId } = message;
  const settings = settingsOf(deps);
  const repo = new PartnerRepository(deps);

  // Group by document; the profile first: its snapshot watermarks end facts in the other documents.
  const byDoc = new Map<string, ChangeEvent[]>();
  for (const change of message.changes) {
    const ref = docRefFor(change);
    const list = byDoc.get(ref.id) ?? [];
    list.push(change);
    byDoc.set(ref.id, list);
  }
  const written: string[] = [];
  const unchanged: string[] = [];
  const note = (id: string, changed: boolean) => (changed ? written : unchanged).push(id);

  const profileChanges = byDoc.get(profileDocId()) ?? [];
  byDoc.delete(profileDocId());
  const touched = [...byDoc.keys()];
  // One query for what the apply and the recompute read: the profile, the state, the touched documents.
  const found = await repo.documentsById(partnerId, [profileDocId(), STATE_DOC_ID, ...touched]);
  const first = <T extends PartnerDoc>(id: string): Stored<T> | null => (found.get(id) as Stored<T> | undefined) ?? null;
  let profile: ProfileDoc | null = first<ProfileDoc>(profileDocId())?.doc ?? null;
  if (profileChanges.length > 0 || message.snapshot) {
    const r = await writeWithRetry(
      repo,
      partnerId,
      profileDocId(),
      settings.maxAttempts,
      logger,
      (current) => {
        let doc = current as ProfileDoc | null;
        let changed = false;
        if (profileChanges.length > 0) {
          const applied = applyChanges(doc, profileChanges);
          doc = applied.doc as ProfileDoc;
          changed = applied.changed;
        }
        if (message.snapshot) {
          const snap = applySnapshot(doc, partnerId, message.snapshot);
          doc = snap.doc;
          changed = changed || snap.changed;
        }
        return { doc: doc ?? null, changed };
      },
      first(profileDocId()),
    );
    profile = r.doc as ProfileDoc | null;
    note(profileDocId(), r.changed);
  }
  const ended: Partial<Record<SnapshotKind, string>> = profile?.snapshots ?? {};

  const after = new Map<string, PartnerDoc | null>();
  const entries = [...byDoc.entries()];
  for (let i = 0; i < entries.length; i += WRITE_CONCURRENCY) {
    const slice = entries.slice(i, i + WRITE_CONCURRENCY);
    const results = await Promise.all(
      slice.map(([id, changes]) =>
        writeWithRetry(
          repo,
          partnerId,
          id,
          settings.maxAttempts,
          logger,
          (current) => applyChanges(current, changes, { ended }),
          first(id),
        ),
      ),
    );
    slice.forEach(([id], k) => {
      note(id, results[k]?.changed ?? false);
      after.set(id, results[k]?.doc ?? null);
    });
  }

  logger.log(
    `${partnerId}: message ${message.id}: ${message.changes.length} change(s)` +
      (message.snapshot ? ` + ${message.snapshot.kind} snapshot` : '') +
      `; ${written.length} document(s) written, ${unchanged.length} unchanged`,
  );
  if (message.bulk) return applyBulk(deps, { ...message, bulk: message.bulk }, written, unchanged, logger);
  const recompute = await recomputePartner(deps, partnerId, {
    ...(written.length > 0 ? { changedAt: deps.clock.now().toISOString() } : {}),
    reason: `change ${message.id}`,
    logger,
    changed: {
      ids: touched,
      first: {
        profile,
        state: (found.get(STATE_DOC_ID) as Versioned<PartnerStateDoc> | undefined) ?? null,
        docs: touched.map((id) => ({ id, doc: after.get(id) ?? null })),
      },
    },
  });
  return { outcome: 'applied', partnerId, messageId: message.id, written, unchanged, recompute };
}

/**
 * A bulk file's message (bulk-file.ts): applied above; the partner is recomputed once, by the message
 * that completes the file's messages for it, on the full path (the earlier messages did not update the
 * facts aggregate).
 */
async function applyBulk(
  deps: PipelineDeps,
  message: PartnerChangeMessage & { bulk: NonNullable<PartnerChangeMessage['bulk']> },
  written: string[],
  unchanged: string[],
  logger: Logger,
): Promise<ApplyOutcome> {
  const { partnerId } = message;
  const maxAttempts = settingsOf(deps).maxAttempts;
  const note = await noteBulkMessage(deps.store, partnerId, message.id, message.bulk, written.length > 0, deps.clock.now(), maxAttempts);
  const applied = { outcome: 'applied' as const, partnerId, messageId: message.id, written, unchanged };
  if (!note.recompute) return { ...applied, recompute: null };
  const recompute = await recomputePartner(deps, partnerId, {
    ...(note.changedAt !== undefined ? { changedAt: note.changedAt } : {}),
    reason: `bulk file ${message.bulk.file}`,
    logger,
  });
  await clearBulkReady(deps.store, partnerId, note.ready, deps.clock.now(), maxAttempts);
  return { ...applied, recompute };
}

/** Read (the first time: `first`, when the caller read it already), apply, write on the ETag; redo on a lost race (bounded). */
async function writeWithRetry(
  repo: PartnerRepository,
  partnerId: string,
  id: string,
  maxAttempts: number,
  logger: Logger,
  apply: (current: PartnerDoc | null) => { doc: PartnerDoc | null; changed: boolean },
  first?: Stored<PartnerDoc> | null,
): Promise<{ doc: PartnerDoc | null; changed: boolean }> {
  for (let attempt = 1; attempt <= maxAttempts; attempt++) {
    const current = attempt === 1 && first !== undefined ? (first ?? undefined) : await repo.readDoc<PartnerDoc>(partnerId, id);
    const result = apply(current?.doc ?? null);
    if (!result.changed || result.doc === null) return { doc: current?.doc ?? null, changed: false };
    const size = docSizeBytes(result.doc);
    if (size > DOC_SIZE_WARNING_BYTES) logger.warn(`${partnerId}/${id}: document is ${size} bytes, close to Cosmos DB's 2 MB item limit`);
    try {
      await repo.writeDoc(result.doc, current?.etag ?? null);
      return result;
    } catch (err) {
      if (!isWriteConflict(err)) throw err;
      logger.log(`${partnerId}/${id}: changed meanwhile (attempt ${attempt}), applying again`);
    }
  }
  throw new WriteContentionError(`${partnerId}/${id}`, maxAttempts);
}
