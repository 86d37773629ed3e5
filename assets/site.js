/* Loaded only on pages whose Markdown holds a ```mermaid block: draw them with the site's own
   copy of Mermaid, in strict mode (no scripts or HTML in diagrams). */
(function () {
  'use strict';
  var m = window.mermaid;
  if (!m) return;
  m.initialize({
    startOnLoad: false,
    securityLevel: 'strict',
    theme: 'neutral',
    fontFamily: 'system-ui, "PingFang SC", "Hiragino Sans GB", "Microsoft YaHei", "Noto Sans CJK SC", sans-serif',
  });
  m.run({ querySelector: 'pre.mermaid' });
})();
