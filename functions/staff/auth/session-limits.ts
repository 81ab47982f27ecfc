/** How long a staff session lasts: `staff.session` in the council's file. */
export interface SessionLimits {
  /** Signed out after this long without a request. */
  idleMinutes: number;
  /** Signed out this long after signing in, whatever happens. */
  absoluteHours: number;
}

/** The defaults: 30 minutes idle, 12 hours at most. */
export const STAFF_SESSION_DEFAULTS: SessionLimits = { idleMinutes: 30, absoluteHours: 12 };
