/** One condition of an If header (RFC 4918 §10.4): a state token or an entity tag, maybe negated. */
export interface IfCondition {
  not: boolean;
  token?: string;
  etag?: string;
}

export interface IfList {
  /** The tagged resource (a URL or path), or undefined for the request's own resource. */
  resource?: string;
  conditions: IfCondition[];
}

/** Parses `If: <url> (<token> ["etag"]) (Not <token>)`; a malformed header yields null (400). */
export function parseIfHeader(header: string): IfList[] | null {
  const lists: IfList[] = [];
  let resource: string | undefined;
  let i = 0;
  const s = header;
  const skip = () => {
    while (i < s.length && /\s/.test(s[i]!)) i++;
  };
  while (true) {
    skip();
    if (i >= s.length) break;
    if (s[i] === "<") {
      const end = s.indexOf(">", i);
      if (end < 0) return null;
      resource = s.slice(i + 1, end);
      i = end + 1;
      continue;
    }
    if (s[i] !== "(") return null;
    i++;
    const conditions: IfCondition[] = [];
    while (true) {
      skip();
      if (s[i] === ")") {
        i++;
        break;
      }
      let not = false;
      if (s.slice(i, i + 3).toLowerCase() === "not") {
        not = true;
        i += 3;
        skip();
      }
      if (s[i] === "<") {
        const end = s.indexOf(">", i);
        if (end < 0) return null;
        conditions.push({ not, token: s.slice(i + 1, end) });
        i = end + 1;
      } else if (s[i] === "[") {
        const end = s.indexOf("]", i);
        if (end < 0) return null;
        conditions.push({ not, etag: s.slice(i + 1, end).replace(/^W\//, "") });
        i = end + 1;
      } else return null;
    }
    if (!conditions.length) return null;
    lists.push({ resource, conditions });
  }
  return lists.length ? lists : null;
}

/** Every state token the client submits (not negated): what may unlock a locked resource. */
export function submittedTokens(lists: IfList[] | null): string[] {
  return (lists ?? []).flatMap((l) => l.conditions.filter((c) => c.token && !c.not).map((c) => c.token!));
}
