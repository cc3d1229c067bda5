export * from './assessment.js';
export * from './task-diff.js';
export * from './annual-report.js';
