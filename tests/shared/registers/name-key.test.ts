import { describe, expect, it } from 'vitest';
import { findRegisteredLegalForm } from '../../../shared/registers/name-key.ts';

describe('the legal form of a registered body a name carries', () => {
  it.each([
    ['JON SMITH PLUMBING LIMITED', 'ltd'],
    ['Jon Smith Plumbing Ltd.', 'ltd'],
    ['Acme Ltd t/a Acme Plumbing', 'ltd'],
    ['Orbis Pharma Public Limited Company', 'plc'],
    ['Smith & Jones LLP', 'llp'],
    ['MEDWAY WELLBEING C.I.C.', 'cic'],
    ['Cwmni Cyf', 'cyf'],
    ['Thames Capital LP', 'lp'],
  ])('%s says %s', (name, form) => {
    expect(findRegisteredLegalForm(name)).toBe(form);
  });

  it.each([
    'Jon Smith Plumbing',
    'Jon Smith & Co',
    'Smith Trading Company',
    'LP Gas Supplies',
    'Limited Edition Prints',
  ])('%s carries none', (name) => {
    expect(findRegisteredLegalForm(name)).toBeUndefined();
  });
});
