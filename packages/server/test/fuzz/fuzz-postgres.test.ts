// The fuzz slice on a throwaway PostgreSQL database (issue 12). Known failures: known-defects.ts.
import { describeFuzzSuite } from './fuzz-suite.ts';

describeFuzzSuite('postgres');
