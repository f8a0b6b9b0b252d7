import { describe, expect, it } from 'vitest';
import { formatRunId, lastCompleteMonth } from '../../../shared/pipeline/index.ts';

describe('the month a scheduled report is for', () => {
  it('is the last month that has ended in London', () => {
    expect(lastCompleteMonth(new Date('2026-11-01T06:00:00Z'))).toBe('2026-10');
    expect(lastCompleteMonth(new Date('2026-01-01T00:00:00Z'))).toBe('2025-12');
    expect(lastCompleteMonth(new Date('2026-10-31T23:59:59Z'))).toBe('2026-09');
  });

  it('follows British Summer Time: 00:30 BST on 1 April is already April', () => {
    expect(lastCompleteMonth(new Date('2026-03-31T23:30:00Z'))).toBe('2026-03');
    expect(lastCompleteMonth(new Date('2026-03-31T22:59:59Z'))).toBe('2026-02');
  });

  it('names a run by its start time and a nonce', () => {
    expect(formatRunId(new Date('2026-11-01T06:00:00.123Z'), '1a2b3c4d')).toBe('20261101T060000Z-1a2b3c4d');
  });
});
