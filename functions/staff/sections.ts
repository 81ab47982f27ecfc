import { adminSection } from './admin/routes.tsx';
import { assistedSection } from './assisted/routes.tsx';
import { auditSection } from './audit/routes.tsx';
import { casesSection } from './cases/routes.tsx';
import { dataRightsSection } from './data-rights/routes.tsx';
import type { StaffSection } from './env.ts';
import { exportJobsSection } from './export/job-routes.tsx';
import { exportSection } from './export/routes.ts';
import { queueSection } from './queue/routes.tsx';

/**
 * The parts of the back office, one line each, mounted under /staff<path> after sign-in's own
 * routes. The queue, case pages, export and audit go here as they are built.
 */
export const STAFF_SECTIONS: StaffSection[] = [
  queueSection,
  exportSection,
  exportJobsSection,
  adminSection,
  casesSection,
  auditSection,
  assistedSection,
  dataRightsSection,
];
