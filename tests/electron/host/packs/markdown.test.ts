import { describe, expect, it } from 'vitest';
import { isPackAssetPath, markdownRefs, renderMarkdown } from '../../../../electron/host/packs/markdown.js';

const assets = { assetUrl: (p: string) => `labpack://example.syscall-lab/hello-write/${p}` };

describe('renderMarkdown (host-side allow-list)', () => {
  it('renders ordinary lab text', () => {
    const html = renderMarkdown('# Read & write\n\nCall `write(1, buf, 3)` **now**.\n\n```asm\nsyscall\n```\n\n- one\n- two\n', assets);
    expect(html).toBe(
      '<h1 id="md-read-write">Read &amp; write</h1>\n' +
        '<p>Call <code>write(1, buf, 3)</code> <strong>now</strong>.</p>\n' +
        '<pre><code class="language-asm">syscall</code></pre>\n' +
        '<ul>\n<li>one</li>\n<li>two</li>\n</ul>\n',
    );
  });

  it('drops raw HTML, scripts and event handlers', () => {
    const html = renderMarkdown('<script>alert(1)</script>\n\nhi <img src=x onerror=alert(1)> <b onclick="x()">b</b>\n\n<iframe src="https://e.com"></iframe>\n');
    expect(html).not.toMatch(/<script|<img|onerror|onclick|<iframe|<b[ >]/i);
    expect(html).toContain('hi');
  });

  it('escapes text and code so nothing becomes markup', () => {
    const html = renderMarkdown('a < b > c "q" \'s\'\n\n`<script>`\n');
    expect(html).toBe('<p>a &lt; b &gt; c &quot;q&quot; &#39;s&#39;</p>\n<p><code>&lt;script&gt;</code></p>\n');
  });

  it('marks http(s) links to open externally and keeps #anchors in the page', () => {
    const html = renderMarkdown('[man](https://man7.org/x "t") [next](#read) [js](javascript:alert(1)) [file](file:///etc/passwd) [rel](other.html)');
    expect(html).toContain('<a href="https://man7.org/x" title="t" data-external="true" target="_blank" rel="noopener noreferrer">man</a>');
    expect(html).toContain('<a href="#md-read">next</a>');
    expect(html).not.toMatch(/javascript:|file:|other\.html/);
    expect(html).toContain('<span class="link-removed">js</span>');
  });

  it('serves only relative images through the pack', () => {
    const html = renderMarkdown('![map](img/boundary.png) ![x](https://evil.example/t.png) ![y](../../secret.png) ![z](/etc/x.png) ![d](data:image/png;base64,AAAA)', assets);
    expect(html).toContain('<img src="labpack://example.syscall-lab/hello-write/img/boundary.png" alt="map">');
    expect(html.match(/<img/g)?.length).toBe(1);
    expect(html).not.toMatch(/evil|secret|etc|data:/);
    expect(renderMarkdown('![map](img/boundary.png)')).toBe('<p><span class="image-removed">map</span></p>\n');
  });

  it('renders tables and task lists without passing attributes through', () => {
    const html = renderMarkdown('| call | nr |\n|:--|--:|\n| write | 1 |\n\n- [x] done\n');
    expect(html).toContain('<th style="text-align:left">call</th>');
    expect(html).toContain('<td style="text-align:right">1</td>');
    expect(html).toContain('<li><input type="checkbox" disabled checked> done</li>');
  });

  it('lists images, links and raw HTML for validation', () => {
    expect(markdownRefs('![a](img/a.png) [b](#b) <em>x</em>\n\n- ![c](c.gif)')).toEqual({ images: ['img/a.png', 'c.gif'], links: ['#b'], rawHtml: ['<em>', '</em>'] });
  });

  it('accepts only plain relative asset paths', () => {
    expect(['img/a.png', 'a.png', 'x/y/z.jpg'].every(isPackAssetPath)).toBe(true);
    expect(['../a.png', '/a.png', 'http://x/a.png', 'C:/a.png', 'a.png?x=1', 'a/./b.png', 'a\\b.png', '//host/a.png'].some(isPackAssetPath)).toBe(false);
  });
});
