/**
 * Built-in RAM system policies the clone ships (ram-policy.md §9). Documents use Alibaba's
 * conventional text (Statement before Version); where the exact text is UNCONFIRMED the spec's
 * recommended content is used. System policies are immutable, typed `System`, default version `v1`.
 */
export interface SystemPolicy {
  readonly name: string;
  readonly type: 'System';
  readonly description: string;
  readonly document: string;
  readonly defaultVersion: 'v1';
}

const allow = (action: string | readonly string[]): string =>
  JSON.stringify({ Statement: [{ Action: action, Effect: 'Allow', Resource: '*' }], Version: '1' });

const system = (name: string, description: string, document: string): SystemPolicy =>
  Object.freeze({ name, type: 'System', description, document, defaultVersion: 'v1' });

export const AdministratorAccess = system(
  'AdministratorAccess',
  'Provides full access to Alibaba Cloud services and resources.',
  allow('*'),
);

export const ReadOnlyAccess = system(
  'ReadOnlyAccess',
  'Provides read-only access to Alibaba Cloud services and resources.',
  allow(['*:Describe*', '*:List*', '*:Get*', '*:Query*', '*:Check*', '*:BatchGet*']),
);

export const AliyunSTSAssumeRoleAccess = system(
  'AliyunSTSAssumeRoleAccess',
  'Provides access to call the AssumeRole operation of Security Token Service (STS).',
  allow('sts:AssumeRole'),
);

export const AliyunRAMReadOnlyAccess = system(
  'AliyunRAMReadOnlyAccess',
  'Provides read-only access to Resource Access Management (RAM).',
  allow(['ram:Get*', 'ram:List*', 'ram:GenerateCredentialReport']),
);

export const AliyunRAMFullAccess = system(
  'AliyunRAMFullAccess',
  'Provides full access to Resource Access Management (RAM).',
  allow('ram:*'),
);

export const SYSTEM_POLICIES: readonly SystemPolicy[] = Object.freeze([
  AdministratorAccess,
  ReadOnlyAccess,
  AliyunSTSAssumeRoleAccess,
  AliyunRAMReadOnlyAccess,
  AliyunRAMFullAccess,
]);

/** Lookup by name; RAM policy names are case-insensitive. */
export function findSystemPolicy(name: string): SystemPolicy | undefined {
  const wanted = name.toLowerCase();
  return SYSTEM_POLICIES.find((p) => p.name.toLowerCase() === wanted);
}
