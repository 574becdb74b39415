import { AuthorizationRequest, CompiledPolicy, compilePolicy, EvaluationResult, evaluateIdentity, IMPLICIT_DENY, parsePolicy } from '@opensts/sts-core/policy';
import type { CallerPrincipal } from '@opensts/sts-core/principal';
import { DirectoryView } from '../directory/directory-view';

const ACCOUNT_OF_ARN = /^acs:[^:]*:[^:]*:([^:]*):/i;
const SESSION_POLICY_CACHE = 1_000;

/**
 * May this principal perform this action on this resource? The account root may do anything in
 * its own account; a RAM user has the union of its attached policies; a role session has the
 * role's CURRENT policies intersected with the session policy it was issued with, so detaching a
 * policy takes effect on tokens already out there. Identity policies only ever grant within the
 * principal's own account (another account is reached by assuming one of its roles), so a
 * resource that names another account is refused whatever they say.
 */
export class PermissionEvaluator {
  private readonly sessionPolicies = new Map<string, CompiledPolicy>();

  constructor(private readonly directory: DirectoryView) {}

  evaluate(principal: CallerPrincipal, request: AuthorizationRequest): EvaluationResult {
    if (principal.type !== 'Account' && namesOtherAccount(request.resource, principal.accountId)) return IMPLICIT_DENY;
    switch (principal.type) {
      case 'Account':
        return sameAccount(request.resource, principal.accountId) ? { decision: 'Allow', deciding: { policy: 'account-root', statementIndex: 0 } } : IMPLICIT_DENY;
      case 'RAMUser':
        return evaluateIdentity({ identityPolicies: this.directory.identityPolicies(principal.accountId, { type: 'User', id: principal.userId }) }, request);
      case 'AssumedRoleUser': {
        const session = principal.session;
        const identityPolicies = this.directory.identityPolicies(session.accountId, { type: 'Role', id: session.roleId });
        return evaluateIdentity({ identityPolicies, sessionPolicy: session.policy ? this.sessionPolicy(session.policy) : undefined }, request);
      }
      default: {
        const never: never = principal;
        return never;
      }
    }
  }

  /** Session policies were validated at issue time; compiled once per distinct text. */
  sessionPolicy(text: string): CompiledPolicy {
    let compiled = this.sessionPolicies.get(text);
    if (!compiled) {
      const parsed = parsePolicy(text, 'session');
      if (!parsed.ok) throw new Error(`session policy in a verified token does not parse: ${parsed.error.message}`);
      compiled = compilePolicy(parsed.document, 'session-policy');
      if (this.sessionPolicies.size >= SESSION_POLICY_CACHE) this.sessionPolicies.delete(this.sessionPolicies.keys().next().value as string);
      this.sessionPolicies.set(text, compiled);
    }
    return compiled;
  }
}

/** An ARN whose account segment is a concrete account (no wildcard, not empty) other than `accountId`. */
function namesOtherAccount(resource: string, accountId: string): boolean {
  const account = ACCOUNT_OF_ARN.exec(resource)?.[1];
  return account !== undefined && account !== '' && !/[*?]/.test(account) && account !== accountId;
}

/** `*`, or an ARN whose account segment is the caller's own (or a wildcard). */
function sameAccount(resource: string, accountId: string): boolean {
  if (resource === '*') return true;
  const account = ACCOUNT_OF_ARN.exec(resource)?.[1];
  return account === accountId || account === '*';
}
