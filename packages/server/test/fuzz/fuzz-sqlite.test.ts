// The fuzz slice on SQLite in memory (issue 12). Known failures: known-defects.ts.
import { describeFuzzSuite } from './fuzz-suite.ts';

describeFuzzSuite('sqlite');
