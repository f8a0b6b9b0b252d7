export type { ExpectedFigures, ExpectedFinancialYear } from './expected-figures.ts';
export {
  DEFAULT_FIRST_MONTH,
  DEFAULT_LAST_MONTH,
  DEFAULT_SAMPLE_SEED,
  generateSampleTrust,
  type SampleTrust,
  type SampleTrustOptions,
} from './generate-trust.ts';
export { writeSampleTrust } from './write-sample.ts';
