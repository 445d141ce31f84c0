// What the signed-in user may see and press, from the access token's realm roles
// (`conference:{slug}:{permission}`, `superuser`), exactly as the services decide it. The services check
// again on every call: hiding a button is for the user's sake, not a security boundary.

export const PERMISSIONS = ['view_checkin', 'view_bulk_purchases', 'change_bulk_purchases', 'manage_catalog',
  'change_conference'];

/** The roles of a JWT access token (Keycloak's `realm_access.roles`, or a `groups` claim). */
export function rolesOf(accessToken) {
  if (!accessToken) return [];
  try {
    const payload = accessToken.split('.')[1].replace(/-/g, '+').replace(/_/g, '/');
    const json = JSON.parse(decodeURIComponent(escape(atob(payload.padEnd(Math.ceil(payload.length / 4) * 4, '=')))));
    return [...(json.realm_access?.roles ?? []), ...(json.groups ?? [])].map((r) => String(r).replace(/^\//, ''));
  } catch {
    return [];
  }
}

/** Whether the roles grant `permission` on conference `slug`. */
export function can(roles, slug, permission) {
  if (roles.includes('superuser')) return true;
  const on = (p) => roles.includes(`conference:${slug}:${p}`);
  if (on('change_conference') || on(permission)) return true;
  // changing bulk purchases includes looking at them (as bulk-purchase-service decides)
  return permission === 'view_bulk_purchases' && on('change_bulk_purchases');
}

/** The console's sections this user may open on `slug`, in menu order. */
export function sections(roles, slug) {
  const all = [];
  if (can(roles, slug, 'view_bulk_purchases')) all.push('bulk');
  if (can(roles, slug, 'view_checkin')) all.push('dashboard');
  if (can(roles, slug, 'manage_catalog')) all.push('catalog', 'orders');
  return all;
}
