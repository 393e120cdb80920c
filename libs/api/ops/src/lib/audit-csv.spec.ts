import type { AuditEntryView } from '@raptorflow/contracts';
import { auditCsv } from './audit-csv';

const entry = (overrides: Partial<AuditEntryView>): AuditEntryView => ({
  id: '1',
  at: '2026-12-01T10:00:00.000Z',
  actorId: null,
  actorEmail: 'ops@example.com',
  actorKind: 'operator',
  action: 'payment.refund',
  workspaceId: null,
  target: 'RF_1',
  before: null,
  after: null,
  reason: null,
  requestId: null,
  ...overrides,
});

describe('auditCsv', () => {
  it.each([
    ['plain text', 'customer asked', 'customer asked'],
    ['a comma, a quote and a newline', 'said "no",\nthen yes', '"said ""no"",\nthen yes"'],
    ['a formula', '=HYPERLINK("x")', `"'=HYPERLINK(""x"")"`],
    ['a leading minus', '-1', "'-1"],
  ])('writes %s safely', (_name, reason, cell) => {
    const [, row] = auditCsv([entry({ reason })]).split('\r\n');
    expect(row.split(',ops@example.com,')[1]).toBe(`operator,payment.refund,,RF_1,,,${cell},`);
  });

  it('writes JSON for before/after and a header row', () => {
    const lines = auditCsv([entry({ after: { amount: 100 } })]).split('\r\n');
    expect(lines[0]).toBe('id,at,actorId,actorEmail,actorKind,action,workspaceId,target,before,after,reason,requestId');
    expect(lines[1]).toContain(',"{""amount"":100}",');
    expect(lines[2]).toBe('');
  });
});
