import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { decodeS3Key, encodeS3Key } from '../../functions/s3-event.ts';

describe('S3 event keys', () => {
  it('decodes keys as S3 encodes them in notifications', () => {
    expect(decodeS3Key('incoming/AP+payments%2BMay+2024.csv')).toBe('incoming/AP payments+May 2024.csv');
    expect(decodeS3Key('incoming/KVFT+supplier+payments+%C2%A3+2025-04.csv')).toBe(
      'incoming/KVFT supplier payments £ 2025-04.csv',
    );
  });

  it('round-trips any key through the local bridge’s encoding', () => {
    fc.assert(
      fc.property(fc.string({ unit: 'grapheme', minLength: 1 }), (key) => {
        expect(decodeS3Key(encodeS3Key(key))).toBe(key);
      }),
    );
  });
});
