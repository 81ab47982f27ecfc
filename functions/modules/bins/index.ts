export type { BinsConfig, BinsConfigInput } from './config.ts';
export type { BinsMessageKey } from './messages/en.ts';
export { binsModule } from './module.ts';
