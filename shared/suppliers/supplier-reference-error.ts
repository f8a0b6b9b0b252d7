/** The supplier reference cannot be used at all (no supplier name column, unreadable file). The message says what to do. */
export class SupplierReferenceError extends Error {
  override name = 'SupplierReferenceError';
}
