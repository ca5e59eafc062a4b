// A partner's documents in the `partners` container (partition key partnerId): profile (`profile`),
// customers (`customer:<tenant>`), people (`person:<id>`) — shared/domain/changes/docs.ts — plus the
// hot state document (`state`) and the cold ones (`history:YYYY-MM`, `explanations`, `guidance`), see
// hot-state.ts. The state document is decoded on read and encoded on write here, so callers see one
// shape (PartnerStateDoc) whatever version is stored; so are the customer and person documents, whose
// growing maps are stored packed (fact-docs.ts).
//
// Reads that find several documents go through the PartnerDocumentQueries repository (the Cosmos
// adapter's SQL, or the in-memory one); point reads and conditional writes through the collection.
// Cost: `load` (every fact document and the state) and `documentsById` are ONE single-partition query
// each (one page for any partner whose documents fit a page), so they cost the same whatever the number
// of partners.
import { type CustomerDoc, type PartnerDoc, type PersonDoc, type ProfileDoc } from '../domain/changes/docs.js';
import type { Document, DocumentCollection, DocumentStore, Versioned } from '../ports/documentStore.js';
import type { PartnerDocumentQueries, Repositories } from '../ports/repositories.js';
import { writeOnEtag } from '../store/conditional.js';
import { packJson, unpackJson } from './codec.js';
import { decodeFactDoc, encodeFactDoc } from './fact-docs.js';
import { GUIDANCE_DOC_ID, type GuidanceDoc } from './guidance.js';
import { decodeState, encodeState, historyDocId, type HistoryMonthDoc, withColdHistory } from './hot-state.js';
import { EXPLANATIONS_DOC_ID, type ExplanationsDoc, type PartnerStateDoc, STATE_DOC_ID } from './state-doc.js';

/** The fact documents' and the hot state's docTypes: what a full load reads. */
const LOADED_TYPES = ['profile', 'customer', 'person', 'state'] as const;

/** Rows per page of the load query: one page for all but very large partners. */
export const LOAD_PAGE_SIZE = 1000;

/** A stored document with its etag (the ports' Versioned, for documents without an index signature). */
export interface Stored<T> {
  doc: T;
  etag: string;
}

export interface LoadedPartner {
  partnerId: string;
  profile: Stored<ProfileDoc> | null;
  customers: Stored<CustomerDoc>[];
  people: Stored<PersonDoc>[];
  state: Versioned<PartnerStateDoc> | null;
}

export function hasFacts(p: LoadedPartner): boolean {
  return p.profile !== null || p.customers.length > 0 || p.people.length > 0;
}

/** What a PartnerRepository reads and writes through. */
export interface PartnerStore {
  store: DocumentStore;
  repos: Pick<Repositories, 'partnerDocuments'>;
}

export class PartnerRepository {
  private readonly partners: DocumentCollection;

  private readonly queries: PartnerDocumentQueries;

  constructor({ store, repos }: PartnerStore) {
    this.partners = store.collection('partners');
    this.queries = repos.partnerDocuments;
  }

  /** Every fact document of the partner and its state, with etags, in one single-partition query. */
  async load(partnerId: string): Promise<LoadedPartner> {
    const loaded: LoadedPartner = { partnerId, profile: null, customers: [], people: [], state: null };
    for await (const { doc, etag } of this.rows(partnerId, LOADED_TYPES, [])) {
      switch (doc.docType) {
        case 'profile':
          loaded.profile = { doc: doc as unknown as ProfileDoc, etag };
          break;
        case 'customer':
          loaded.customers.push({ doc: doc as unknown as CustomerDoc, etag });
          break;
        case 'person':
          loaded.people.push({ doc: doc as unknown as PersonDoc, etag });
          break;
        case 'state':
          loaded.state = { doc: decodeState(doc as unknown as PartnerStateDoc), etag };
          break;
        default:
          break; // documents of other kinds (none expected) are not facts
      }
    }
    // Deterministic order whatever the store returns.
    loaded.customers.sort((a, b) => compare(a.doc.id, b.doc.id));
    loaded.people.sort((a, b) => compare(a.doc.id, b.doc.id));
    return loaded;
  }

  /**
   * The partner's documents with these ids (any kind; the state decoded), in one single-partition query:
   * the change path reads the profile, the state and the documents a message touches with it.
   */
  async documentsById(partnerId: string, ids: readonly string[]): Promise<Map<string, Stored<Document>>> {
    const out = new Map<string, Stored<Document>>();
    for await (const { doc, etag } of this.rows(partnerId, [], ids))
      out.set(doc.id, { doc: doc.id === STATE_DOC_ID ? (decodeState(doc as PartnerStateDoc) as Document) : doc, etag });
    return out;
  }

  private async *rows(partnerId: string, types: readonly string[], ids: readonly string[]): AsyncIterable<Versioned<Document>> {
    for await (const page of this.queries.pages(partnerId, { types, ids }, LOAD_PAGE_SIZE))
      for (const row of page) if (row.doc.partnerId === partnerId) yield { doc: decodeFactDoc(row.doc), etag: row.etag }; // defensive: only this partition
  }

  /** Point read of one fact document (profile, customer:…, person:…). */
  async readDoc<T extends PartnerDoc>(partnerId: string, id: string): Promise<Stored<T> | undefined> {
    const r = await this.partners.read<T & Document>(id, partnerId);
    return r ? { doc: decodeFactDoc(r.doc), etag: r.etag } : undefined;
  }

  /**
   * Writes a fact document on condition: create when `etag` is null (DocumentConflictError if someone
   * created it meanwhile), else replace if still at `etag` (DocumentPreconditionError otherwise).
   * Returns `doc` itself with its new etag: the stored form is not unpacked again on the change path.
   */
  async writeDoc<T extends PartnerDoc>(doc: T, etag: string | null): Promise<Stored<T>> {
    const written = await writeOnEtag(this.partners, encodeFactDoc(doc as T & Document), etag);
    return { doc, etag: written.etag };
  }

  /** The hot state (its days of the last HOT_MONTHS months; a version-1 document: all its days). */
  async readState(partnerId: string): Promise<Versioned<PartnerStateDoc> | undefined> {
    const r = await this.partners.read<PartnerStateDoc>(STATE_DOC_ID, partnerId);
    return r ? { doc: decodeState(r.doc), etag: r.etag } : undefined;
  }

  /** The state with every kept day (the hot document, then one query for its history documents). */
  async readStateWithHistory(partnerId: string): Promise<PartnerStateDoc | undefined> {
    const state = (await this.readState(partnerId))?.doc;
    if (!state) return undefined;
    const ids = Object.keys(state.cold?.historyMonths ?? {}).map(historyDocId);
    if (ids.length === 0) return state;
    const months = [...(await this.documentsById(partnerId, ids)).values()].map((r) => r.doc as HistoryMonthDoc);
    return { ...state, designations: withColdHistory(state.designations, months) };
  }

  /** Conditional write of the state document, as writeDoc (stored as version 2, hot-state.ts). */
  async writeState(doc: PartnerStateDoc, etag: string | null): Promise<Versioned<PartnerStateDoc>> {
    const written = await writeOnEtag(this.partners, encodeState(doc), etag);
    return { doc: decodeState(written.doc as PartnerStateDoc), etag: written.etag };
  }

  /** Unconditional: a cold month's days; the hot document's index records what was written. */
  async upsertHistoryMonth(doc: HistoryMonthDoc): Promise<void> {
    await this.partners.upsert(doc);
  }

  async deleteHistoryMonth(partnerId: string, month: string): Promise<void> {
    await this.partners.delete(historyDocId(month), partnerId);
  }

  async readExplanations(partnerId: string): Promise<ExplanationsDoc | undefined> {
    return (await this.partners.read<ExplanationsDoc>(EXPLANATIONS_DOC_ID, partnerId))?.doc;
  }

  /** Unconditional: the explanations follow the state; the last writer's are as good as any. */
  async upsertExplanations(doc: ExplanationsDoc): Promise<void> {
    await this.partners.upsert(doc);
  }

  async readGuidance(partnerId: string): Promise<GuidanceDoc | undefined> {
    const doc = (await this.partners.read<GuidanceDoc>(GUIDANCE_DOC_ID, partnerId))?.doc;
    if (!doc || typeof doc.packed !== 'string') return doc; // none, or stored before it was packed
    const { packed, ...head } = doc;
    return { ...head, ...unpackJson<Partial<GuidanceDoc>>(packed) } as GuidanceDoc;
  }

  /**
   * Unconditional, as the explanations: written by the nightly run before its state write. Its days and
   * facts version in the clear, the rest (forecasts, plans, at-risk) packed: the nightly rewrites it, and
   * Cosmos bills a write by its bytes (33 KB of JSON → a few KB for a 20-customer partner).
   */
  async upsertGuidance(doc: GuidanceDoc): Promise<void> {
    const { id, docType, partnerId, asOf, today, factsVersion, ...content } = doc;
    await this.partners.upsert({ id, docType, partnerId, asOf, today, factsVersion, packed: packJson(content) });
  }

  /** Ids of known partners, page by page (cross-partition; an id may repeat: the caller's set removes repeats). */
  partnerIdPages(pageSize = 500): AsyncIterable<string[]> {
    return this.queries.partnerIdPages(pageSize);
  }
}

function compare(a: string, b: string): number {
  return a < b ? -1 : a > b ? 1 : 0;
}
