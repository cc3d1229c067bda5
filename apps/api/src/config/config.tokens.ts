/** Injection token of the AppConfig the app was created with. */
export const APP_CONFIG = Symbol('APP_CONFIG');
