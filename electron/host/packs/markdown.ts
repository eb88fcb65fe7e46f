// Lab Markdown → HTML on the host with an allow-list: marked tokenizes, and this
// walker emits only the elements below, with every text and attribute escaped.
// No raw HTML passes (it is dropped), images must be pack-relative assets, and
// links are either in-page anchors or http(s) links marked to open externally,
// so a pack can never script or navigate the app.

import { Lexer } from 'marked';
import type { MarkedToken, Token, Tokens } from 'marked';

export interface MarkdownOptions {
  /** Maps a pack-relative asset path (relative to the lab folder) to a URL the renderer serves; null drops the image. */
  assetUrl?: (path: string) => string | null;
}

export function renderMarkdown(markdown: string, opts: MarkdownOptions = {}): string {
  return new Walker(opts).blocks(Lexer.lex(markdown, { gfm: true }));
}

export interface MarkdownRefs {
  images: string[];
  links: string[];
  rawHtml: string[];
}

/** Images, links and raw HTML a Markdown text refers to, for pack validation. */
export function markdownRefs(markdown: string): MarkdownRefs {
  const refs: MarkdownRefs = { images: [], links: [], rawHtml: [] };
  const visit = (tokens: Token[]): void => {
    for (const tok of tokens as MarkedToken[]) {
      if (tok.type === 'image') refs.images.push(tok.href);
      else if (tok.type === 'link') refs.links.push(tok.href);
      else if (tok.type === 'html') refs.rawHtml.push(tok.text.trim());
      for (const child of childTokens(tok)) visit(child);
    }
  };
  visit(Lexer.lex(markdown, { gfm: true }));
  return refs;
}

function childTokens(tok: MarkedToken): Token[][] {
  switch (tok.type) {
    case 'list':
      return tok.items.map((i) => i.tokens);
    case 'table':
      return [...tok.header.map((c) => c.tokens), ...tok.rows.flatMap((r) => r.map((c) => c.tokens))];
    default:
      return 'tokens' in tok && Array.isArray(tok.tokens) ? [tok.tokens] : [];
  }
}

/** A relative asset path: no scheme, no leading slash, no `..`, no query. */
export function isPackAssetPath(href: string): boolean {
  if (/^[A-Za-z][A-Za-z0-9+.-]*:/.test(href) || href.startsWith('/') || href.startsWith('\\')) return false;
  if (/[?#\\]/.test(href)) return false;
  return href.split('/').every((s) => s !== '..' && s !== '.' && s !== '');
}

const ENTITY = /^&(#\d{1,7}|#x[0-9a-fA-F]{1,6}|[A-Za-z][A-Za-z0-9]{1,31});/;

/** Escapes for text and attribute values; keeps well-formed character references. */
export function escapeHtml(text: string): string {
  let out = '';
  for (let i = 0; i < text.length; i++) {
    const c = text[i] as string;
    if (c === '&') out += ENTITY.test(text.slice(i, i + 40)) ? '&' : '&amp;';
    else if (c === '<') out += '&lt;';
    else if (c === '>') out += '&gt;';
    else if (c === '"') out += '&quot;';
    else if (c === "'") out += '&#39;';
    else out += c;
  }
  return out;
}

export function slugify(text: string): string {
  return text
    .toLowerCase()
    .replace(/<[^>]*>/g, '')
    .replace(/[^a-z0-9 _-]/g, '')
    .trim()
    .replace(/\s+/g, '-');
}

const BLOCK_TYPES = new Set(['heading', 'paragraph', 'code', 'blockquote', 'hr', 'list', 'table', 'space', 'def']);

class Walker {
  constructor(private readonly opts: MarkdownOptions) {}

  blocks(tokens: Token[]): string {
    return (tokens as MarkedToken[]).map((t) => this.block(t)).join('');
  }

  private block(tok: MarkedToken): string {
    switch (tok.type) {
      case 'heading': {
        const level = Math.min(6, Math.max(1, tok.depth));
        return `<h${level} id="md-${escapeHtml(slugify(tok.text))}">${this.inline(tok.tokens)}</h${level}>\n`;
      }
      case 'paragraph':
        return `<p>${this.inline(tok.tokens)}</p>\n`;
      case 'code': {
        const lang = tok.lang && /^[A-Za-z0-9_+-]{1,20}$/.test(tok.lang) ? ` class="language-${tok.lang}"` : '';
        return `<pre><code${lang}>${escapeHtml(tok.text)}</code></pre>\n`;
      }
      case 'blockquote':
        return `<blockquote>\n${this.blocks(tok.tokens)}</blockquote>\n`;
      case 'hr':
        return '<hr>\n';
      case 'list': {
        const tag = tok.ordered ? 'ol' : 'ul';
        const start = tok.ordered && typeof tok.start === 'number' && tok.start !== 1 ? ` start="${tok.start}"` : '';
        return `<${tag}${start}>\n${tok.items.map((i) => this.listItem(i, tok.loose)).join('')}</${tag}>\n`;
      }
      case 'table':
        return this.table(tok);
      case 'text':
        return `<p>${tok.tokens ? this.inline(tok.tokens) : escapeHtml(tok.text)}</p>\n`;
      case 'space':
      case 'def':
      case 'html':
        return '';
      default:
        return this.inline([tok]);
    }
  }

  private listItem(item: Tokens.ListItem, loose: boolean): string {
    let body = '';
    for (const t of item.tokens as MarkedToken[]) {
      if (t.type === 'checkbox') body += `<input type="checkbox" disabled${t.checked ? ' checked' : ''}> `;
      else if (t.type === 'text' && !loose) body += t.tokens ? this.inline(t.tokens) : escapeHtml(t.text);
      else body += this.block(t);
    }
    return `<li>${body}</li>\n`;
  }

  private table(tok: Tokens.Table): string {
    const cell = (c: Tokens.TableCell, tag: 'th' | 'td'): string => {
      const align = c.align ? ` style="text-align:${c.align}"` : '';
      return `<${tag}${align}>${this.inline(c.tokens)}</${tag}>`;
    };
    const head = `<tr>${tok.header.map((c) => cell(c, 'th')).join('')}</tr>`;
    const rows = tok.rows.map((r) => `<tr>${r.map((c) => cell(c, 'td')).join('')}</tr>`).join('\n');
    return `<table>\n<thead>${head}</thead>\n<tbody>${rows}</tbody>\n</table>\n`;
  }

  private inline(tokens: Token[]): string {
    let out = '';
    for (const tok of tokens as MarkedToken[]) {
      switch (tok.type) {
        case 'text':
          out += tok.tokens ? this.inline(tok.tokens) : escapeHtml(tok.text);
          break;
        case 'escape':
          out += escapeHtml(tok.text);
          break;
        case 'strong':
          out += `<strong>${this.inline(tok.tokens)}</strong>`;
          break;
        case 'em':
          out += `<em>${this.inline(tok.tokens)}</em>`;
          break;
        case 'del':
          out += `<del>${this.inline(tok.tokens)}</del>`;
          break;
        case 'codespan':
          out += `<code>${escapeHtml(tok.text)}</code>`;
          break;
        case 'br':
          out += '<br>';
          break;
        case 'link':
          out += this.link(tok);
          break;
        case 'image':
          out += this.image(tok);
          break;
        case 'html':
        case 'checkbox':
          break;
        default:
          // Block tokens can nest inside list items; anything unknown is dropped.
          if (BLOCK_TYPES.has(tok.type)) out += this.block(tok);
      }
    }
    return out;
  }

  private link(tok: Tokens.Link): string {
    const text = this.inline(tok.tokens);
    const title = tok.title ? ` title="${escapeHtml(tok.title)}"` : '';
    if (/^#[A-Za-z0-9_-]{1,100}$/.test(tok.href)) {
      return `<a href="#md-${escapeHtml(tok.href.slice(1))}"${title}>${text}</a>`;
    }
    if (/^https?:\/\/[^\s"'<>]+$/i.test(tok.href)) {
      // The renderer opens data-external links with the system browser, never in the app window.
      return `<a href="${escapeHtml(tok.href)}"${title} data-external="true" target="_blank" rel="noopener noreferrer">${text}</a>`;
    }
    return `<span class="link-removed">${text}</span>`;
  }

  private image(tok: Tokens.Image): string {
    const url = isPackAssetPath(tok.href) && this.opts.assetUrl ? this.opts.assetUrl(tok.href) : null;
    const alt = escapeHtml(tok.text);
    if (url === null) return `<span class="image-removed">${alt}</span>`;
    const title = tok.title ? ` title="${escapeHtml(tok.title)}"` : '';
    return `<img src="${escapeHtml(url)}" alt="${alt}"${title}>`;
  }
}
