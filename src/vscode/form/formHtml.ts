/**
 * The form webview's HTML page. It holds no user text at all: the page is a shell that loads the bundled script and
 * stylesheet, and the script fills it from the host's messages. No `vscode` import, so the Chromium test loads the
 * very same page.
 */

export interface FormPage {
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
export function formCsp(page: Pick<FormPage, 'cspSource' | 'nonce'>): string {
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

export function formHtml(page: FormPage): string {
  return `<!DOCTYPE html>
<html lang="en">
<head>
<meta charset="UTF-8">
<meta http-equiv="Content-Security-Policy" content="${attr(formCsp(page))}">
<meta property="csp-nonce" content="${attr(page.nonce)}">
<meta name="viewport" content="width=device-width, initial-scale=1.0">
<link rel="stylesheet" href="${attr(page.styleUri)}">
<title>1:1 form</title>
</head>
<body>
<main id="app" aria-busy="true"><p>Loading the 1:1…</p></main>
<script nonce="${attr(page.nonce)}" src="${attr(page.scriptUri)}"></script>
</body>
</html>
`;
}
