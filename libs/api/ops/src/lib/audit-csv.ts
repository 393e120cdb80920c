import type { AuditEntryView } from '@raptorflow/contracts';

const CSV_COLUMNS: (keyof AuditEntryView)[] = ['id', 'at', 'actorId', 'actorEmail', 'actorKind', 'action', 'workspaceId', 'target', 'before', 'after', 'reason', 'requestId'];

/** RFC 4180 CSV; a cell starting with = + - @ is prefixed with ' so a spreadsheet never runs it as a formula. */
export function auditCsv(entries: AuditEntryView[]): string {
  const cell = (value: unknown): string => {
    let text = value === null || value === undefined ? '' : typeof value === 'string' ? value : JSON.stringify(value);
    if (/^[=+\-@\t\r]/.test(text)) text = `'${text}`;
    return /[",\r\n]/.test(text) ? `"${text.replace(/"/g, '""')}"` : text;
  };
  return [CSV_COLUMNS.join(','), ...entries.map((e) => CSV_COLUMNS.map((c) => cell(e[c])).join(','))].join('\r\n') + '\r\n';
}
