import { Parser } from "htmlparser2";

export interface HtmlElement {
  name: string;
  attrs: Record<string, string>;
  children: HtmlChild[];
}

export type HtmlChild = HtmlElement | string;

/** HTML as a plain tree (the Worker has no DOM); entities decoded, tags lower-cased, void tags closed. */
export function parseHtml(html: string): HtmlElement {
  const root: HtmlElement = { name: "#root", attrs: {}, children: [] };
  const stack: HtmlElement[] = [root];
  const parser = new Parser(
    {
      onopentag(name, attrs) {
        const element: HtmlElement = { name, attrs, children: [] };
        stack[stack.length - 1]!.children.push(element);
        stack.push(element);
      },
      ontext(text) {
        const siblings = stack[stack.length - 1]!.children;
        const last = siblings[siblings.length - 1];
        if (typeof last === "string") siblings[siblings.length - 1] = last + text;
        else siblings.push(text);
      },
      onclosetag() {
        if (stack.length > 1) stack.pop();
      },
    },
    { decodeEntities: true, lowerCaseTags: true, lowerCaseAttributeNames: true },
  );
  parser.end(html);
  return root;
}
