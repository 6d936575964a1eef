// Markdown from the model (or the persona, quoted by it) becomes HTML without raw HTML:
// markdown-it escapes every tag when html is off, links are limited to safe schemes,
// and images are disabled so an answer cannot make the browser fetch other sites.
import markdownit from '/static/vendor/markdown-it.mjs';

const SAFE_LINK = /^(https?:|mailto:)/i;

const md = markdownit({ html: false, linkify: true, breaks: true, typographer: false });
md.disable('image');
md.validateLink = (url) => SAFE_LINK.test(url.trim());

const defaultLinkOpen =
  md.renderer.rules.link_open ?? ((tokens, idx, options, _env, self) => self.renderToken(tokens, idx, options));
md.renderer.rules.link_open = (tokens, idx, options, env, self) => {
  tokens[idx].attrSet('target', '_blank');
  tokens[idx].attrSet('rel', 'noopener noreferrer nofollow');
  return defaultLinkOpen(tokens, idx, options, env, self);
};

/** Safe HTML for an answer's Markdown. */
export function renderMarkdown(text) {
  return md.render(text);
}
