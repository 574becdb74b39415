import type { SessionClaims } from '@opensts/sts-core/token';
import { AccessIndex } from '../directory/access-index';
import { DirectoryView } from '../directory/directory-view';

/**
 * The only state request verification with temporary credentials needs: sessions revoked one by
 * one, roles whose sessions issued before an instant are revoked, and deleted roles (a recreated
 * role has a new RoleId, so its predecessor's sessions stay dead). Fed by issuance and identity
 * events; every instance holds it in memory.
 */
export class RevocationView {
  constructor(private readonly index: AccessIndex, private readonly directory: DirectoryView) {}

  isRevoked(session: SessionClaims): boolean {
    if (this.index.get('revoked-session', session.accessKeyId)) return true;
    const roleRevocation = this.index.get('role-revocation', session.roleId);
    if (roleRevocation && session.issuedAt.getTime() < Date.parse(String(roleRevocation.data.issuedBefore))) return true;
    return this.directory.roleDeleted(session.roleId);
  }
}
