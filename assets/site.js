/* Flowbook: generated from src/browser/ by scripts/bundle.mjs (npm run build:ts); edit the sources, not this file. */
"use strict";(()=>{var i=window.mermaid;i&&(i.initialize({startOnLoad:!1,securityLevel:"strict",theme:"neutral",fontFamily:'system-ui, "PingFang SC", "Hiragino Sans GB", "Microsoft YaHei", "Noto Sans CJK SC", sans-serif'}),i.run({querySelector:"pre.mermaid"}));})();
