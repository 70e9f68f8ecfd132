/**
 * Hostile and awkward text a manager's notes (or a file someone else edited) may hold. Used by the form's edit tests
 * (every string must round-trip through the YAML exactly) and by the webview test (every string must render as text
 * and run nothing).
 */
export const NAUGHTY_STRINGS: readonly string[] = [
  '<img src=x onerror="window.__pwned=1">',
  '<script>window.__pwned=1</script>',
  '"><svg onload=window.__pwned=1>',
  'javascript:window.__pwned=1',
  '</textarea><script>window.__pwned=1</script>',
  '${alert(1)} {{constructor.constructor("window.__pwned=1")()}}',
  "'; DROP TABLE reports; --",
  '&lt;b&gt;not bold&lt;/b&gt; &amp; &#x3C;',
  '- looks like a list item',
  'key: looks like a mapping',
  '# looks like a comment',
  '*alias &anchor !tag |block >folded',
  '"double" \'single\' `back`',
  'null',
  'true',
  '2026-11-24',
  '0x1F',
  '   leading and trailing   ',
  'tab\there',
  'line one\nline two\n\nline four',
  'ends with newline\n',
  '\nstarts with newline',
  'Zoë Ñúñez – “quotes” — ‘single’',
  'مرحبا بالعالم (right to left)',
  '\u202Eevil bidi override\u202C',
  'zero\u200Bwidth\uFEFFjoiners',
  '日本語のテキスト、中文、한국어',
  '😀👩🏽‍💻🏳️‍🌈 emoji',
  'control \u0007 bell and \u001B escape',
  'C1 \u0085 next line and \u2028 line separator',
  'a'.repeat(5000),
];
