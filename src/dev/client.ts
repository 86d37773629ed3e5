/**
 * The live-reload client the dev server adds to every HTML page. It listens for `reload` (site
 * paths whose bytes changed, or all), `problem` (overlay markup) and `fixed`.
 *
 * A reload of the open page is done in place when it can be: the page is fetched again and the
 * body's top-level parts that changed are swapped (usually only `<main>`), so stylesheets,
 * scripts, the search box and the scroll position stay. A full reload is ~100-150 ms in Chromium
 * (every asset fetched again, scripts run again); the swap is one request and one layout, which is
 * what keeps edit-to-page under 100 ms on a large handbook. It falls back to `location.reload()`
 * whenever the swap could miss something: a different `<head>` (styles, print marks), a changed
 * part holding a script, a form or a Mermaid block (their scripts bound to the old elements), a
 * different page structure, or a failed fetch (a deleted page shows the server's "not found").
 *
 * No eval; the only markup inserted is the server's own (the page it serves, the escaped overlay).
 * Scripts in a page parsed by DOMParser are inert, so a swap runs none. Changes are found by
 * comparing the new page with the page as it was served (a copy taken before any script ran), not
 * with the live DOM, which the page's own scripts change.
 */
export const OVERLAY_ID = 'flowbook-dev-overlay';
export const LIVE_SCRIPT_ID = 'flowbook-dev-live';

export function liveScript(eventsPath: string, version: number): string {
  return `<script id="${LIVE_SCRIPT_ID}">(function(){
if(!window.EventSource)return;
var p=location.pathname;try{p=decodeURIComponent(p)}catch(e){}
if(p.charAt(p.length-1)==='/')p+='index.html';
var here=p.replace(/^\\/+/,'');
var id=${JSON.stringify(OVERLAY_ID)},live=${JSON.stringify(LIVE_SCRIPT_ID)};
function clear(){var o=document.getElementById(id);if(o)o.remove();}
var es=new EventSource(${JSON.stringify(eventsPath)}+'?v='+${Math.trunc(version)}+'&p='+encodeURIComponent(here));
var seq=0,UNSAFE='script,form,.mermaid,#fb-search-page';
function parts(body){var out=[],c=body.children;for(var i=0;i<c.length;i++)if(c[i].id!==live&&c[i].id!==id)out.push(c[i]);return out;}
// The page as served: this script runs inline at the end of <body>, before the deferred scripts
// change the DOM (search box, print date), so a clone now is what the server sent.
var snap=document.documentElement.cloneNode(true);
function part(root,tag){return root.getElementsByTagName(tag)[0];}
function headParts(h){var out=[],c=h.children;for(var i=0;i<c.length;i++)if(c[i].tagName!=='TITLE')out.push(c[i]);return out;}
function sameList(a,b){if(a.length!==b.length)return false;for(var i=0;i<a.length;i++)if(!a[i].isEqualNode(b[i]))return false;return true;}
function unsafe(n){return n.matches(UNSAFE)||!!n.querySelector(UNSAFE);}
function apply(html){
var d=new DOMParser().parseFromString(html,'text/html');
if(!sameList(headParts(part(snap,'head')),headParts(d.head)))return false;
var was=parts(part(snap,'body')),now=parts(d.body),live=parts(document.body);
if(was.length!==now.length||live.length!==was.length)return false;
var swaps=[];
for(var i=0;i<was.length;i++){if(was[i].isEqualNode(now[i]))continue;if(was[i].tagName!==now[i].tagName||live[i].tagName!==was[i].tagName||unsafe(was[i])||unsafe(now[i]))return false;swaps.push(i);}
for(var j=0;j<swaps.length;j++){var k=swaps[j];was[k].replaceWith(now[k].cloneNode(true));live[k].replaceWith(document.adoptNode(now[k]));}
if(document.body.className!==d.body.className)document.body.className=part(snap,'body').className=d.body.className;
if(document.title!==d.title)document.title=d.title;
if(swaps.length)document.dispatchEvent(new Event('flowbook:swapped'));
clear();var o=d.getElementById(id);if(o)document.body.appendChild(document.adoptNode(o));
return true;}
function refresh(){var mine=++seq;
fetch(location.pathname+location.search,{cache:'no-store',credentials:'same-origin'}).then(function(r){if(!r.ok)throw new Error('status '+r.status);return r.text();})
.then(function(html){if(mine===seq&&!apply(html))location.reload();})
.catch(function(){if(mine===seq)location.reload();});}
es.addEventListener('reload',function(e){var d=JSON.parse(e.data);if(d.all)location.reload();else if(d.paths.indexOf(here)>=0)refresh();});
es.addEventListener('problem',function(e){clear();document.body.insertAdjacentHTML('beforeend',JSON.parse(e.data).html);});
es.addEventListener('fixed',clear);
window.__flowbookDev={path:here,source:es};
})();</script>`;
}
