/** `text` as a Cosmos DB document id: each character ids may not hold (/ \ ? #) becomes `_`. */
export function safeDocumentId(text: string): string {
  return text.replace(/[/\\?#]/g, '_');
}
