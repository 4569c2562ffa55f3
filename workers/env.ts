/** Bindings and settings from wrangler.toml ([vars]) and secrets. */
export interface Env {
  DB: D1Database;
  FILES: R2Bucket;
  ASSETS?: Fetcher;
  INSTANCE_NAME?: string;
  DISABLED_PLUGINS?: string;
  PASSWORD_MIN_LENGTH?: string;
  PASSWORD_REQUIRE?: string;
  LOGIN_MAX_FAILURES?: string;
  LOGIN_WINDOW_SECONDS?: string;
  SESSION_TTL_SECONDS?: string;
  DEFAULT_QUOTA_BYTES?: string;
  TRASH_RETENTION_DAYS?: string;
  VERSIONS_RETENTION_DAYS?: string;
  /** "false": new user and group shares wait for the recipient's acceptance (Nextcloud's pending shares). */
  SHARE_AUTO_ACCEPT?: string;
  /** "log", "cloudflare" (the EMAIL send_email binding, from MAIL_FROM) or "smtp"; empty: SMTP when SMTP_HOST is set, else the log. */
  MAIL_SENDER?: string;
  MAIL_FROM?: string;
  /** An SMTP server for mail (used when MAIL_SENDER is "smtp", or empty with SMTP_HOST set); SMTP_PASSWORD is a secret. */
  SMTP_HOST?: string;
  SMTP_PORT?: string;
  SMTP_USER?: string;
  SMTP_PASSWORD?: string;
  SMTP_FROM?: string;
  /** Password of the first admin, used only while the instance has no account. */
  ADMIN_PASSWORD?: string;
  /** Plugin Durable Object namespaces are bound under their own names. */
  [binding: string]: unknown;
}
