/** Record keys of the access view. Names are case-insensitive in RAM, so name keys are lower-cased. */
export const ViewKeys = {
  nameKey: (accountId: string, name: string) => `${accountId}:${name.toLowerCase()}`,
  policy: (accountId: string, policyName: string) => `${accountId}:${policyName.toLowerCase()}`,
  principal: (accountId: string, type: 'User' | 'Role', id: string) => `${accountId}:${type}:${id}`,
  attachment: (accountId: string, type: 'User' | 'Role', principalId: string, policyType: string, policyName: string) =>
    `${accountId}:${type}:${principalId}:${policyType}:${policyName.toLowerCase()}`,
};
