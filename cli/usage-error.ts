/** A mistake in how socval was called: exit status 2, message only. */
export class UsageError extends Error {
  override name = 'UsageError';
}
