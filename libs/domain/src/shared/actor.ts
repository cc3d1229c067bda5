/** Who does something. Roles are the contract's, lower-case as they appear in JWT claims. */
export type Role = 'office' | 'unit_manager' | 'auditor' | 'worker';

export const ROLES: readonly Role[] = ['office', 'unit_manager', 'auditor', 'worker'];

export interface Actor {
  readonly id: string;
  readonly name?: string;
  readonly role: Role;
  /** Required for unit_manager: the secondary unit (二级单位) they manage. */
  readonly unitId?: string;
}
