import { postgresTarget } from './testing/postgres-target.js';
import { describeReadModel } from './testing/read-model.suite.js';

describeReadModel(postgresTarget('rm_suite'));
