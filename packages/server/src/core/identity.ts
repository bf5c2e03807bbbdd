// Who is calling: what a verified bearer token says. Every service takes the caller as its first
// argument and scopes everything it reads or writes to the caller's domain.
export interface Identity {
  subject: string;
  username: string | undefined;
  domainId: string;
  groups: readonly string[];
}
