/**
 * What sending a report needs beyond its pages: making the case, delivering its confirmation, and
 * an officer's assisted-digital stamp. The check page loads it when a report is sent, so a report
 * page's cold start (and any other resident page's) never evaluates the case store or delivery.
 */
export { createProblemReport } from './reports.ts';
export { deliverNewCaseNotification } from '../../core/notifications/delivery.ts';
export { assistedStamp } from '../../staff/assisted/stamp.ts';
