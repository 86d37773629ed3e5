/* Flowbook (assets/site.js): loaded only on pages whose Markdown holds a ```mermaid block: draw
   them with the site's own copy of Mermaid, in strict mode (no scripts or HTML in diagrams). */

interface Mermaid {
  initialize(config: Record<string, unknown>): void;
  run(options: { querySelector: string }): unknown;
}

const m = (window as unknown as { mermaid?: Mermaid }).mermaid;
if (m) {
  m.initialize({
    startOnLoad: false,
    securityLevel: 'strict',
    theme: 'neutral',
    fontFamily: 'system-ui, "PingFang SC", "Hiragino Sans GB", "Microsoft YaHei", "Noto Sans CJK SC", sans-serif',
  });
  m.run({ querySelector: 'pre.mermaid' });
}

export {};
