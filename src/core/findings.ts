import type { Problem } from './types';

/** What a rule or the parser finds, before the settings give it a severity (or switch it off). */
export type Finding = Omit<Problem, 'severity'>;
