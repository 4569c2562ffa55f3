import type { Context } from "hono";
import { z } from "zod";
import { MAX_PASSWORD_LENGTH } from "../../accounts/password-policy";
import { describeIssues } from "../../http/validate";
import { OcsError } from "../../ocs/envelope";
import { readOcsParams } from "../../ocs/params";
import type { ShareAttribute } from "../share-service";

/** Clients send booleans as "true"/"false" or "1"/"0". */
const flag = z.enum(["true", "false", "1", "0", "yes", "no"]).transform((v) => v === "true" || v === "1" || v === "yes");
const bits = z.coerce.number().int().min(0).max(31);
const shareType = z.coerce.number().int().refine((t) => [0, 1, 3, 4].includes(t), "Unknown share type (0 user, 1 group, 3 link, 4 e-mail)");

const attributes = z
  .string()
  .max(4096)
  .transform((text, ctx): ShareAttribute[] => {
    let parsed: unknown;
    try {
      parsed = text.trim() === "" ? [] : JSON.parse(text);
    } catch {
      ctx.addIssue({ code: "custom", message: "attributes must be a JSON list" });
      return z.NEVER;
    }
    const list = z.array(z.object({ scope: z.string().max(64), key: z.string().max(64), value: z.unknown() })).max(32).safeParse(parsed);
    if (!list.success) {
      ctx.addIssue({ code: "custom", message: "attributes must be a list of {scope, key, value}" });
      return z.NEVER;
    }
    return list.data.map(({ scope, key, value }) => ({ scope, key, value }));
  });

const options = {
  permissions: bits.optional(),
  publicUpload: flag.optional(),
  password: z.string().max(MAX_PASSWORD_LENGTH).optional(),
  expireDate: z.string().max(40).optional(),
  note: z.string().max(4000).optional(),
  label: z.string().max(255, "label has at most 255 characters").optional(),
  hideDownload: flag.optional(),
  attributes: attributes.optional(),
};

// Unknown parameters (sendMail, sendPasswordByTalk, include_tags…) are ignored, as Nextcloud does.
export const createShareSchema = z.object({
  path: z.string().min(1, "path is required").max(4096),
  shareType,
  shareWith: z.string().max(255).optional(),
  ...options,
});

export const updateShareSchema = z.object(options);

export const listSharesSchema = z.object({
  path: z.string().max(4096).optional(),
  reshares: flag.optional(),
  subfiles: flag.optional(),
  shared_with_me: flag.optional(),
  state: z.union([z.literal("all"), z.coerce.number().int().min(0).max(2)]).optional(),
});

export const shareeInputSchema = z.object({
  search: z.string().max(255).default(""),
  itemType: z.string().max(32).optional(),
  page: z.coerce.number().int().min(1).default(1),
  perPage: z.coerce.number().int().min(1).max(200).default(200),
  shareType: z.preprocess((v) => (v === undefined ? undefined : Array.isArray(v) ? v : [v]), z.array(z.coerce.number().int()).max(10).optional()),
  lookup: flag.optional(),
});

/** OCS parameters checked against a schema; a refusal is a 400 naming the field, as the share API answers. */
export async function shareInput<T extends z.ZodType>(c: Context, schema: T): Promise<z.output<T>> {
  const result = schema.safeParse(await readOcsParams(c));
  if (!result.success) throw new OcsError(400, describeIssues(result.error));
  return result.data;
}

/** A share id from the URL: digits, or Nextcloud's "ocinternal:" form that deleted shares carry. */
export function shareIdOf(raw: string): number {
  const id = Number(raw.replace(/^ocinternal:/, ""));
  if (!/^(ocinternal:)?\d{1,15}$/.test(raw) || !Number.isSafeInteger(id)) throw new OcsError(404, "Wrong share ID, share does not exist");
  return id;
}
