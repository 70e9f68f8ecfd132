/**
 * The HTML page of every webview of the extension. It holds no user text at all: the page is a shell that loads its
 * app's bundled script and stylesheet (out/webview/<app>.js and .css, built from the list in scripts/build.mjs), and
 * the script fills it from the host's messages. No `vscode` import, so the Chromium tests load the very same page.
 */

/** What a webview app says about its page; the host adds where its files are served from. */
export interface WebviewPage {
  /** The bundle's name: out/webview/<app>.js and out/webview/<app>.css. */
  readonly app: string;
  /** The page's <title> (VS Code shows the panel's own title; this one is for screen readers of the frame). */
  readonly title: string;
  /** What the page shows until its script has drawn it. */
  readonly loading: string;
}

export interface ServedPage extends WebviewPage {
  /** `webview.cspSource`: where styles and fonts may come from. */
  readonly cspSource: string;
  /** A fresh nonce (16 random bytes from `crypto`, base64) for the one script. */
  readonly nonce: string;
  readonly scriptUri: string;
  readonly styleUri: string;
}

/**
 * The Content Security Policy: nothing by default; scripts only with the nonce; styles and fonts only from the
 * extension's own files. The toolkit's components style themselves with constructed stylesheets, which need no
 * inline-style allowance; the one `<style>` element it makes (an empty one, to test for `:focus-visible`) carries
 * the nonce it reads from the `csp-nonce` meta tag. `base-uri` and `form-action` do not fall back to `default-src`:
 * they are closed too, so no injected `<base>` or `<form>` could redirect the page's relative loads or post its text.
 */
export function webviewCsp(page: Pick<ServedPage, 'cspSource' | 'nonce'>): string {
  return [
    "default-src 'none'",
    `style-src ${page.cspSource} 'nonce-${page.nonce}'`,
    `font-src ${page.cspSource}`,
    `img-src ${page.cspSource}`,
    `script-src 'nonce-${page.nonce}'`,
    "base-uri 'none'",
    "form-action 'none'",
  ].join('; ');
}

function attr(value: string): string {
  return value.replace(/&/g, '&amp;').replace(/"/g, '&quot;').replace(/</g, '&lt;').replace(/>/g, '&gt;');
}

function text(value: string): string {
  return value.replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;');
}

export function webviewHtml(page: ServedPage): string {
  return `<!DOCTYPE html>
<html lang="en">
<head>
<meta charset="UTF-8">
<meta http-equiv="Content-Security-Policy" content="${attr(webviewCsp(page))}">
<meta property="csp-nonce" content="${attr(page.nonce)}">
<meta name="viewport" content="width=device-width, initial-scale=1.0">
<link rel="stylesheet" href="${attr(page.styleUri)}">
<title>${text(page.title)}</title>
</head>
<body>
<main id="app" aria-busy="true"><p>${text(page.loading)}</p></main>
<script nonce="${attr(page.nonce)}" src="${attr(page.scriptUri)}"></script>
</body>
</html>
`;
}
