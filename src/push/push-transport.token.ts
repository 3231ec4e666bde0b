/** The injection token of the push transport (firebase-admin, or none without FCM_PROJECT_ID). */
export const PUSH_TRANSPORT = Symbol('PUSH_TRANSPORT');
