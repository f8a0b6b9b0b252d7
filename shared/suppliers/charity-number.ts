export type CharityRegister = 'england-and-wales' | 'scotland' | 'northern-ireland';

const REGISTER_NAMES: Readonly<Record<CharityRegister, string>> = {
  'england-and-wales': 'Charity Commission for England and Wales',
  scotland: 'Scottish Charity Regulator (OSCR)',
  'northern-ireland': 'Charity Commission for Northern Ireland',
};

/**
 * A registered charity number in its usual written form, or `undefined` when the text is not one:
 * England and Wales 6–7 digits (`1123456`, with an optional linked-charity suffix `1123456-1`),
 * Scotland `SC0xxxxx` (`sc 12345` → `SC012345`), Northern Ireland `NIC1xxxxx`
 * (`NIC 100001`, or `NI100001`, which in a charity column can only mean the NI charity).
 *
 * @example
 * normaliseCharityNumber('sc 012345') // → 'SC012345'
 */
export function normaliseCharityNumber(raw: string): string | undefined {
  const text = raw.replace(/\s+/g, '').toUpperCase();
  if (/^\d{6,7}(-\d{1,2})?$/.test(text)) return text;
  const scottish = /^SC(\d{5,6})$/.exec(text);
  if (scottish?.[1]) {
    const digits = scottish[1].padStart(6, '0');
    return digits.startsWith('0') ? `SC${digits}` : undefined;
  }
  const northernIrish = /^NIC?(1\d{5})$/.exec(text);
  if (northernIrish?.[1]) return `NIC${northernIrish[1]}`;
  return undefined;
}

/** Which register a normalised charity number belongs to. */
export function charityRegisterOf(charityNumber: string): CharityRegister {
  if (charityNumber.startsWith('SC')) return 'scotland';
  if (charityNumber.startsWith('NIC')) return 'northern-ireland';
  return 'england-and-wales';
}

/** `Charity Commission for England and Wales`, … */
export function describeCharityRegister(register: CharityRegister): string {
  return REGISTER_NAMES[register];
}
