/**
 * Who may do what in the staff area. The table is the single source of truth: services check it before
 * acting (not only routes), and the authorization test walks every registered route against it.
 */

export const ROLES = ['front_desk', 'clinician', 'editor', 'admin'] as const;
export type Role = (typeof ROLES)[number];

export const ROLE_LABELS: Record<Role, string> = {
  front_desk: 'Front desk',
  clinician: 'Clinician',
  editor: 'Editor',
  admin: 'Administrator',
};

/** Permissions read `entity:action`. Health information is behind every `requests:*` and `screening:*`. */
export const PERMISSIONS = [
  'requests:list',
  'requests:read_contact',
  'requests:change_status',
  'requests:add_note',
  'screening:read',
  'safety:acknowledge',
  'content:edit',
  'users:manage',
  'settings:manage',
  'audit:read',
  'data:export',
] as const;
export type Permission = (typeof PERMISSIONS)[number];

const FRONT_DESK: readonly Permission[] = [
  'requests:list',
  'requests:read_contact',
  'requests:change_status',
  'requests:add_note',
];
const CLINICIAN: readonly Permission[] = [...FRONT_DESK, 'screening:read', 'safety:acknowledge'];

export const ROLE_PERMISSIONS: Record<Role, readonly Permission[]> = {
  front_desk: FRONT_DESK,
  clinician: CLINICIAN,
  // Editors see no health information at all.
  editor: ['content:edit'],
  admin: [...CLINICIAN, 'users:manage', 'settings:manage', 'audit:read', 'data:export'],
};

/** What a person holding these roles may do: the union of each role's permissions. */
export function permissionsOf(roles: readonly Role[]): Set<Permission> {
  return new Set(roles.flatMap((role) => ROLE_PERMISSIONS[role]));
}

export function isRole(value: string): value is Role {
  return (ROLES as readonly string[]).includes(value);
}

/** Thrown by a service when the actor lacks a permission; the HTTP layer answers 403 and audits it. */
export class ForbiddenError extends Error {
  /** The error pages answer 403, and the staff access plugin audits it as access.denied. */
  readonly statusCode = 403;

  constructor(readonly permission: Permission) {
    super(`This needs the ${permission} permission.`);
    this.name = 'ForbiddenError';
  }
}

/** The person acting, as services see them: an id for the audit log and what they may do. */
export interface Actor {
  userId: string;
  roles: readonly Role[];
  permissions: ReadonlySet<Permission>;
  ip: string | null;
  requestId: string | null;
}

export function requirePermission(actor: Actor, permission: Permission): void {
  if (!actor.permissions.has(permission)) throw new ForbiddenError(permission);
}
