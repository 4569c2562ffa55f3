import { z } from "zod";
import type { Env } from "./env";

export type PasswordRule = "upper" | "lower" | "digit" | "special";

export interface Config {
  instanceName: string;
  disabledPlugins: ReadonlySet<string>;
  password: { minLength: number; require: readonly PasswordRule[] };
  login: { maxFailures: number; windowSeconds: number };
  sessionTtlSeconds: number;
  defaultQuotaBytes: number | null;
  /** Days a deleted item stays in the trash. */
  trashRetentionDays: number;
  /** Days after which versions go whatever the schedule; 0 keeps them as long as the schedule does. */
  versionsRetentionDays: number;
  /** Largest file one chunked upload may assemble. */
  maxUploadBytes: number;
  /** New user and group shares appear in the recipients' files at once; when false they wait, pending, for acceptance. */
  shareAutoAccept: boolean;
}

const list = (value: string | undefined) =>
  (value ?? "")
    .split(",")
    .map((s) => s.trim())
    .filter(Boolean);

const intVar = (fallback: number) =>
  z
    .string()
    .optional()
    .transform((v) => (v === undefined || v.trim() === "" ? fallback : Number(v)))
    .pipe(z.number().int().nonnegative());

const schema = z.object({
  INSTANCE_NAME: z.string().optional(),
  DISABLED_PLUGINS: z.string().optional(),
  PASSWORD_MIN_LENGTH: intVar(10),
  PASSWORD_REQUIRE: z
    .string()
    .optional()
    .transform((v) => (v === undefined ? ["upper", "lower", "digit", "special"] : list(v)))
    .pipe(z.array(z.enum(["upper", "lower", "digit", "special"]))),
  LOGIN_MAX_FAILURES: intVar(10),
  LOGIN_WINDOW_SECONDS: intVar(300),
  SESSION_TTL_SECONDS: intVar(14 * 24 * 3600),
  DEFAULT_QUOTA_BYTES: z
    .string()
    .optional()
    .transform((v) => (v === undefined || v.trim() === "" ? null : Number(v)))
    .pipe(z.number().int().nonnegative().nullable()),
  TRASH_RETENTION_DAYS: intVar(30),
  VERSIONS_RETENTION_DAYS: intVar(365),
  MAX_UPLOAD_BYTES: intVar(1024 ** 3),
  SHARE_AUTO_ACCEPT: z
    .enum(["true", "false", ""])
    .optional()
    .transform((v) => v !== "false"),
});

// Env objects are stable per isolate, so parsing once per object keeps requests cheap.
const cache = new WeakMap<object, Config>();

/** Reads the settings; a wrong value fails loudly at the first request rather than silently defaulting. */
export function readConfig(env: Env): Config {
  const cached = cache.get(env);
  if (cached) return cached;
  const parsed = schema.safeParse(env);
  if (!parsed.success) {
    throw new Error(`Invalid configuration in wrangler.toml [vars]: ${z.prettifyError(parsed.error)}`);
  }
  const v = parsed.data;
  const config: Config = {
    instanceName: v.INSTANCE_NAME?.trim() || "Cumulus",
    disabledPlugins: new Set(list(v.DISABLED_PLUGINS)),
    password: { minLength: v.PASSWORD_MIN_LENGTH, require: v.PASSWORD_REQUIRE },
    login: { maxFailures: v.LOGIN_MAX_FAILURES, windowSeconds: v.LOGIN_WINDOW_SECONDS },
    sessionTtlSeconds: v.SESSION_TTL_SECONDS,
    defaultQuotaBytes: v.DEFAULT_QUOTA_BYTES,
    trashRetentionDays: v.TRASH_RETENTION_DAYS,
    versionsRetentionDays: v.VERSIONS_RETENTION_DAYS,
    maxUploadBytes: v.MAX_UPLOAD_BYTES,
    shareAutoAccept: v.SHARE_AUTO_ACCEPT,
  };
  cache.set(env, config);
  return config;
}
