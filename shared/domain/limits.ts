// Bounds on free text in every input (change events, claim events, profile fields), enforced by their
// zod schemas: nothing unbounded is stored. Ids have their own rule (ids.ts: at most 128 characters).

/** Names: a partner's, a workload's, a service's, a certification's, a contact's. */
export const MAX_NAME_CHARS = 500;
/** Free text: notes, proof-of-execution references, reasons. */
export const MAX_TEXT_CHARS = 2_000;
/** Short codes: channels, roles, language tags. */
export const MAX_CODE_CHARS = 100;
/** RFC 5321: an address is at most 254 characters. */
export const MAX_EMAIL_CHARS = 254;
/** RFC 1035: a domain name is at most 253 characters. */
export const MAX_DOMAIN_CHARS = 253;
/** Contacts of a profile; workloads of a claim. */
export const MAX_LIST_ITEMS = 100;
