import { describe, expect, it } from 'vitest';
import { chooseRegisterUploads, type ReferenceManifest } from '../../../shared/pipeline/index.ts';

let n = 0;
function upload(
  name: string,
  register: ReferenceManifest['register'],
  status: 'accepted' | 'rejected' = 'accepted',
): ReferenceManifest {
  n++;
  return {
    schemaVersion: 1,
    kind: 'register',
    register,
    name,
    sourceKey: `reference/${name}`,
    sha256: n.toString(16).padStart(64, '0'),
    size: 10,
    receivedAt: `2025-08-${String(n).padStart(2, '0')}T08:00:00Z`,
    status,
    issueCount: 0,
    issues: [],
    rawKey: `raw/reference/${n}/${name}`,
  };
}

describe('chooseRegisterUploads', () => {
  it('takes the latest upload of each register, and every part file of the latest Companies House edition, in name order', () => {
    const uploads = [
      upload('BasicCompanyData-2025-07-01-part1_2.csv', 'companies-house'),
      upload('publicextract.charity.txt', 'charity-commission'),
      upload('BasicCompanyData-2025-08-01-part10_10.csv', 'companies-house'),
      upload('BasicCompanyData-2025-08-01-part2_10.csv', 'companies-house'),
      upload('publicextract.charity.txt', 'charity-commission'),
      upload('SocietyList.csv', 'fca-mutuals', 'rejected'),
    ];
    const chosen = chooseRegisterUploads(uploads);
    expect(chosen.map((manifest) => manifest.name)).toEqual([
      'BasicCompanyData-2025-08-01-part2_10.csv',
      'BasicCompanyData-2025-08-01-part10_10.csv',
      'publicextract.charity.txt',
    ]);
    expect(chosen[2]?.sha256).toBe(uploads[4]?.sha256);
  });

  it('ignores supplier references and postcode lookups', () => {
    expect(chooseRegisterUploads([{ ...upload('suppliers.csv', undefined), kind: 'suppliers' }])).toEqual([]);
  });
});
