import { anyResource, named, parameters, userOrSelf, type ActionSpec, type ResourceRule } from './action-spec';

const ram = (action: string, params: string, resource: ResourceRule, alsoOn?: ActionSpec['alsoOn']): ActionSpec => ({
  product: 'Ram',
  action,
  anonymous: false,
  parameters: parameters(params),
  resource,
  ...(alsoOn && { alsoOn }),
});

const user = named('user', 'UserName');
const role = named('role', 'RoleName');
const policy = named('policy', 'PolicyName');

/**
 * RAM 2015-05-01 (ram-api.md §2–§6) with the resource each action is authorised on. Attach,
 * detach and list-for actions are authorised on the user or role they change or read, as IAM
 * does (the RAM resource for them is UNCONFIRMED); the list actions have no resource (`*`).
 */
export const RAM_ACTIONS: readonly ActionSpec[] = [
  ram('CreateUser', 'UserName! DisplayName MobilePhone Email Comments', user),
  ram('GetUser', 'UserName!', user),
  ram('UpdateUser', 'UserName! NewUserName NewDisplayName NewMobilePhone NewEmail NewComments', user, (params) => {
    const renamed = params.get('NewUserName');
    return renamed ? `user/${renamed}` : undefined;
  }),
  ram('ListUsers', 'Marker MaxItems', anyResource),
  ram('DeleteUser', 'UserName!', user),
  ram('CreateAccessKey', 'UserName', userOrSelf),
  ram('ListAccessKeys', 'UserName', userOrSelf),
  ram('UpdateAccessKey', 'UserAccessKeyId! Status! UserName', userOrSelf),
  ram('DeleteAccessKey', 'UserAccessKeyId! UserName', userOrSelf),
  ram('CreateRole', 'RoleName! AssumeRolePolicyDocument! Description MaxSessionDuration Tag', role),
  ram('GetRole', 'RoleName!', role),
  ram('UpdateRole', 'RoleName! NewAssumeRolePolicyDocument NewDescription NewMaxSessionDuration', role),
  ram('ListRoles', 'Marker MaxItems', anyResource),
  ram('DeleteRole', 'RoleName!', role),
  ram('CreatePolicy', 'PolicyName! PolicyDocument! Description Tag', policy),
  ram('GetPolicy', 'PolicyName! PolicyType!', policy),
  ram('ListPolicies', 'PolicyType Marker MaxItems', anyResource),
  ram('DeletePolicy', 'PolicyName! CascadingDelete', policy),
  ram('UpdatePolicyDescription', 'PolicyName! NewDescription', policy),
  ram('CreatePolicyVersion', 'PolicyName! PolicyDocument! SetAsDefault RotateStrategy', policy),
  ram('GetPolicyVersion', 'PolicyName! PolicyType! VersionId!', policy),
  ram('ListPolicyVersions', 'PolicyName! PolicyType!', policy),
  ram('SetDefaultPolicyVersion', 'PolicyName! VersionId!', policy),
  ram('DeletePolicyVersion', 'PolicyName! VersionId!', policy),
  ram('AttachPolicyToUser', 'PolicyType! PolicyName! UserName!', user),
  ram('DetachPolicyFromUser', 'PolicyType! PolicyName! UserName!', user),
  ram('AttachPolicyToRole', 'PolicyType! PolicyName! RoleName!', role),
  ram('DetachPolicyFromRole', 'PolicyType! PolicyName! RoleName!', role),
  ram('ListPoliciesForUser', 'UserName!', user),
  ram('ListPoliciesForRole', 'RoleName!', role),
  ram('ListEntitiesForPolicy', 'PolicyType! PolicyName!', policy),
];
