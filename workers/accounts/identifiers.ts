import { z } from "zod";

/** Nextcloud's rule for user ids: letters, digits and `_.@-'` and spaces, at most 64. */
export const userIdSchema = z
  .string()
  .min(1, "a user id is required")
  .max(64, "a user id has at most 64 characters")
  .regex(/^[a-zA-Z0-9 _.@\-']+$/, "a user id may contain only letters, digits, spaces and _.@-'")
  .refine((id) => id.trim() === id, "a user id cannot start or end with a space");

export const groupIdSchema = z
  .string()
  .min(1, "a group id is required")
  .max(64, "a group id has at most 64 characters")
  .regex(/^[\p{L}\p{N} _.@\-']+$/u, "a group id may contain only letters, digits, spaces and _.@-'");

export const displayNameSchema = z.string().trim().min(1).max(255);
export const emailSchema = z.email().max(255);
