/**
 * D1 reports constraint violations only in the error's text. Two matter to the tree: a name taken
 * meanwhile (UNIQUE on parent and name) and a parent deleted meanwhile (FOREIGN KEY on parent_id),
 * both races between client jobs that must answer 4xx, never 500.
 */
const messageOf = (error: unknown): string => {
  const parts: string[] = [];
  for (let e: unknown = error; e && parts.length < 4; e = (e as { cause?: unknown }).cause) parts.push(String(e));
  return parts.join(" ");
};

export const isUniqueViolation = (error: unknown) => /UNIQUE constraint failed/i.test(messageOf(error));
export const isForeignKeyViolation = (error: unknown) => /FOREIGN KEY constraint failed/i.test(messageOf(error));
