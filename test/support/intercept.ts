// A store whose collections answer like `store`'s except for the methods a test replaces, to stage a
// race (someone writes between our read and our write) or a crash (a write that never happens).
import type { DocumentCollection, DocumentStore } from '../../shared/ports/documentStore.js';

/** `overrides(inner)` gives the replaced methods; they call `inner` to do the real work. */
export function interceptedStore(
  store: DocumentStore,
  overrides: (inner: DocumentCollection) => Partial<DocumentCollection>,
): DocumentStore {
  return {
    collection: (name) => {
      const inner = store.collection(name);
      return Object.assign(Object.create(inner) as DocumentCollection, overrides(inner));
    },
  };
}
