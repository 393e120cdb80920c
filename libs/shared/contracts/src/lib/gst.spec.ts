import { financialYear, findGstState, gstinProblem, splitGstInclusive, taxDocumentNumber } from './gst';

describe('gstinProblem', () => {
  // Published GSTINs of large companies (their check characters are the GSTN's, not ours).
  it.each([
    ['27AAPFU0939F1ZV', '27'],
    ['29AAGCB7383J1Z4', '29'],
    ['24AAACC1206D1ZM', '24'],
    ['33AAACH7409R1Z8', '33'],
  ])('accepts %s registered in state %s', (gstin, state) => {
    expect(gstinProblem(gstin, state)).toBeNull();
  });

  it.each([
    ['27AAPFU0939F1ZW', '27', 'check'],
    ['27AAPFU0939F1Z', '27', 'format'],
    ['27aapfu0939f1zv', '27', 'format'],
    ['27AAPFU0939F0ZV', '27', 'format'],
    ['27AAPFU0939F1YV', '27', 'format'],
    ['27AAPFU0939F1ZV', '29', 'state'],
  ])('refuses %s for state %s (%s)', (gstin, state, problem) => {
    expect(gstinProblem(gstin, state)).toBe(problem);
  });
});

describe('splitGstInclusive', () => {
  it('splits Growth monthly (₹9,999 incl. 18%) within a state: 8,473.73 + 762.63 + 762.64', () => {
    expect(splitGstInclusive(999_900, 1800, true)).toEqual({ taxable: 847_373, cgst: 76_263, sgst: 76_264, igst: 0 });
  });

  it('charges IGST across states: Starter monthly 4,236.44 + 762.56', () => {
    expect(splitGstInclusive(499_900, 1800, false)).toEqual({ taxable: 423_644, cgst: 0, sgst: 0, igst: 76_256 });
  });

  it('always adds up to the amount, whatever the amount', () => {
    for (let amount = 0; amount < 5_000; amount += 7) {
      for (const intra of [true, false]) {
        const s = splitGstInclusive(amount, 1800, intra);
        expect(s.taxable + s.cgst + s.sgst + s.igst).toBe(amount);
        expect(Math.abs(s.taxable * 1.18 - amount)).toBeLessThanOrEqual(1);
        expect(Math.abs(s.cgst - s.sgst)).toBeLessThanOrEqual(1);
      }
    }
  });

  it('refuses fractions of a paisa', () => {
    expect(() => splitGstInclusive(10.5, 1800, true)).toThrow(RangeError);
  });
});

describe('financialYear', () => {
  it('turns over at midnight of 1 April in India, not in UTC', () => {
    expect(financialYear(new Date('2027-03-31T18:29:59Z'))).toBe('26-27');
    expect(financialYear(new Date('2027-03-31T18:30:00Z'))).toBe('27-28');
    expect(financialYear(new Date('2026-12-01T00:00:00Z'))).toBe('26-27');
    expect(financialYear(new Date('2099-06-01T00:00:00Z'))).toBe('99-00');
  });
});

describe('taxDocumentNumber', () => {
  it('fits Rule 46 (at most 16 characters of letters, digits, - and /)', () => {
    for (const n of [taxDocumentNumber('invoice', '26-27', 123), taxDocumentNumber('credit_note', '26-27', 9_999_999)]) {
      expect(n).toMatch(/^[A-Z0-9/-]{1,16}$/);
    }
    expect(taxDocumentNumber('invoice', '26-27', 123)).toBe('RF/26-27/000123');
  });
});

describe('findGstState', () => {
  it('knows Maharashtra and not the retired Daman and Diu code', () => {
    expect(findGstState('27')?.name).toBe('Maharashtra');
    expect(findGstState('25')).toBeUndefined();
  });
});
