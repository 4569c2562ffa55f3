import MarkdownIt from "markdown-it";

/**
 * Markdown as HTML that is safe to insert: raw HTML in the source is escaped (html: false), links
 * with a script or data scheme are dropped by markdown-it's own validateLink, and images are left as
 * text, since a picture from elsewhere would both leak the reader's address and break the CSP.
 */
const md = new MarkdownIt({ html: false, linkify: true, breaks: false });
md.disable("image");

// Links leave the app in a new tab and tell the other site nothing about where they came from.
md.renderer.rules.link_open = (tokens, idx, options, _env, self) => {
  const token = tokens[idx]!;
  token.attrSet("target", "_blank");
  token.attrSet("rel", "noopener noreferrer");
  return self.renderToken(tokens, idx, options);
};

export const renderMarkdown = (source: string): string => md.render(source);
