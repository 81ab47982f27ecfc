export type { ReportConfig, ReportConfigInput } from './config.ts';
export type { ReportMessageKey } from './messages/en.ts';
export { reportModule } from './module.ts';
