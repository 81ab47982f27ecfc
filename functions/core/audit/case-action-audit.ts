import type { HistoryEntry } from '../cases/history-item.ts';
import type { CouncilStore } from '../store/store.ts';
import { recordAudit, type AuditRecord } from './audit-store.ts';

/** A short account of a case action for the audit: the state it set, the assignee, the case it duplicates. */
export function caseActionDetail(entry: HistoryEntry): string | undefined {
  if (entry.kind === 'assignment') return entry.assignedTo ? `${entry.assignedTo.name} (${entry.assignedTo.sub})` : 'unassigned';
  if (entry.kind === 'duplicate') return entry.duplicateOf;
  if (entry.kind === 'state' || entry.kind === 'update') return entry.state;
  return undefined;
}

/**
 * Records a case action's audit from its history entry: who, the action's own time, and a key made
 * from its action id and the case reference, so recording it again (a retry whose first audit write
 * failed, on the "already applied" path) completes it, once. Call it whenever an action is applied
 * or found already applied.
 *
 * @example
 * if (result.entry) await auditCaseAction(deps.store, found.reference, result.entry);
 * await auditCaseAction(deps.store, reference, entry, { prefix: 'bulk' }); // detail "bulk: fixed"
 */
export function auditCaseAction(store: CouncilStore, reference: string, entry: HistoryEntry, options: { prefix?: string } = {}): Promise<AuditRecord> {
  const detail = caseActionDetail(entry);
  return recordAudit(store, {
    who: entry.by,
    action: entry.kind,
    caseRef: reference,
    detail: options.prefix ? `${options.prefix}: ${detail ?? ''}` : detail,
    at: entry.at,
    once: `${entry.id}:${reference}`,
  });
}
