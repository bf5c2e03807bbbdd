// @cckm/react-query: TanStack Query options for the CCKM client's five operations, an infinite
// job list and a job watcher. Peer dependencies: @cckm/client, @tanstack/react-query, react.
export {
  type CckmKeys,
  type CckmQueries,
  type CckmQueryError,
  type CckmWatchError,
  cckmKeys,
  cckmQueries,
  nextSkip,
  type WatchJobOptions,
} from './queries.ts';
