export { claimDueTime } from './claim.js';
export { createJobRunner, type Job, type JobRunner, type JobScope } from './job-runner.js';
