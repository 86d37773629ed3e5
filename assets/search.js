/*
 * Flowbook search: the browser side of src/search (plain JavaScript, no build step, no dependencies).
 *
 * - Loads nothing until the reader starts to search (focus, first keystroke, or search.html?q=).
 * - Index files are scripts under ../search/ relative to this file, injected as <script> tags, so
 *   search works from file:// and under any sub-path. Each calls window.__flowbookSearch.add().
 * - Everything in the index came from documents: it is only ever put into the page as text nodes.
 *
 * The tokenizer and the decoders below are copies of src/search/tokenize.ts and shard.ts;
 * test/search/tokenize.test.ts and index.test.ts check they agree.
 */
(function () {
  'use strict';

  // ---------------------------------------------------------------- tokenizer (= tokenize.ts)

  var CJK = /[\p{Script=Han}\p{Script=Hiragana}\p{Script=Katakana}\p{Script=Hangul}]/u;
  var WORD = /[\p{L}\p{N}\p{M}]/u;
  var CLUSTER = /\P{M}\p{M}*|\p{M}+/gu;

  var NORMAL = new Map();
  var KIND = new Map(); // 0 separator, 1 word character, 2 CJK

  function normalCluster(c) {
    var n = NORMAL.get(c);
    if (n === undefined) {
      n = c.normalize('NFKC').toLowerCase();
      if (NORMAL.size < 50000) NORMAL.set(c, n);
    }
    return n;
  }

  function kind(c) {
    var k = KIND.get(c);
    if (k === undefined) {
      k = CJK.test(c) ? 2 : WORD.test(c) ? 1 : 0;
      if (KIND.size < 50000) KIND.set(c, k);
    }
    return k;
  }

  function normalise(input) {
    var text = '';
    var from = [];
    var to = [];
    CLUSTER.lastIndex = 0;
    for (var m = CLUSTER.exec(input); m !== null; m = CLUSTER.exec(input)) {
      var n = normalCluster(m[0]);
      for (var i = 0; i < n.length; i++) {
        from.push(m.index);
        to.push(m.index + m[0].length);
      }
      text += n;
    }
    return { text: text, from: from, to: to };
  }

  function fold(s) {
    return normalise(s).text;
  }

  function stem(w) {
    if (w.length <= 3 || !/^[a-z]+$/.test(w)) return w;
    if (w.endsWith('ies') && w.length > 4) return w.slice(0, -3) + 'y';
    if (/(?:ss|us|is)$/.test(w)) return w;
    if (/(?:sses|xes|zes|ches|shes)$/.test(w)) return w.slice(0, -2);
    if (w.endsWith('s')) return w.slice(0, -1);
    return w;
  }

  var STOPWORDS = new Set(
    'a an and are as at be by can do does for from get how i in into is me my of on or our should so than that the their then there these this to was we what when where which who why will with would you your'.split(
      ' ',
    ),
  );

  function tokenize(input, options) {
    var unigrams = !!(options && options.unigrams);
    var nm = normalise(input);
    var text = nm.text;
    var out = [];
    var chars = Array.from(text);
    var offs = [];
    var o = 0;
    for (var c = 0; c < chars.length; c++) {
      offs.push(o);
      o += chars[c].length;
    }
    offs.push(o);
    function push(term, a, b, cjk) {
      out.push({ term: term, start: nm.from[offs[a]], end: nm.to[offs[b] - 1], cjk: cjk });
    }
    var i = 0;
    while (i < chars.length) {
      var kd = kind(chars[i]);
      var j;
      if (kd === 2) {
        j = i;
        while (j < chars.length && kind(chars[j]) === 2) j++;
        for (var k = i; k < j; k++) {
          if (unigrams) push(chars[k], k, k + 1, true);
          if (k + 1 < j) push(chars[k] + chars[k + 1], k, k + 2, true);
        }
        i = j;
      } else if (kd === 1) {
        j = i;
        while (j < chars.length && kind(chars[j]) === 1) j++;
        push(stem(chars.slice(i, j).join('')), i, j, false);
        i = j;
      } else i++;
    }
    return out;
  }

  // ---------------------------------------------------------------- index format (= shard.ts)

  var TERMINAL = '0123456789abcdefghijklmnopqrstuv';
  var CONTINUE = 'ABCDEFGHIJKLMNOPQRSTUVWXYZwxyz_$';
  // char code -> digit value (0-31 terminal, 32-63 continuation).
  var DIGIT = new Uint8Array(128);
  for (var d = 0; d < 32; d++) {
    DIGIT[TERMINAL.charCodeAt(d)] = d;
    DIGIT[CONTINUE.charCodeAt(d)] = 32 + d;
  }

  /** A postings string -> flat [process index, field mask, ...] (flat: no garbage per entry). */
  function decodePostings(s) {
    var out = [];
    var v = 0;
    var prev = -1;
    for (var i = 0; i < s.length; i++) {
      var c = s.charCodeAt(i);
      var t = DIGIT[c];
      if (t < 32) {
        v = v * 32 + t;
        prev += Math.floor(v / 64) + 1;
        out.push(prev, v % 64);
        v = 0;
      } else v = v * 32 + (t - 32);
    }
    return out;
  }

  function shardOf(term, shards) {
    var h = 0x811c9dc5;
    for (var i = 0; i < term.length; i++) {
      h ^= term.charCodeAt(i);
      h = Math.imul(h, 0x01000193);
    }
    return (h >>> 0) % shards;
  }

  // ---------------------------------------------------------------- ranking

  // Field bits (= FIELD in build-index.ts) and their weights. Name and code first, then steps
  // and roles, then body; tags sit with steps (they are the author's own keywords).
  var FIELDS = [
    [1, 100], // name
    [2, 80], // code words
    [4, 35], // tags
    [8, 30], // steps, notes, branch labels
    [16, 25], // roles, departments, category
    [32, 10], // body
  ];
  var EXACT_NAME = 1000;
  var NAME_CONTAINS = 500;
  var CODE_EXACT = 350;
  var CODE_PREFIX = 300;
  var PREFIX_FACTOR = 0.8;
  var FUZZY_FACTOR = 0.6;
  var MAX_PREFIX = 12;
  var MAX_FUZZY = 8;
  var MAX_NUMBER_PREFIX = 8;
  var SYNONYM_FACTOR = 0.95;

  function fieldWeight(mask) {
    var best = 0;
    var extra = 0;
    for (var i = 0; i < FIELDS.length; i++) {
      if (mask & FIELDS[i][0]) {
        if (FIELDS[i][1] > best) {
          extra += best;
          best = FIELDS[i][1];
        } else extra += FIELDS[i][1];
      }
    }
    // A term found in several fields is a little more relevant, never enough to jump a tier.
    return best + extra / 20;
  }

  /**
   * Restricted Damerau-Levenshtein (a swap counts once), giving up above `max`. Three rolling rows,
   * allocated once: the typo scan runs over the whole vocabulary.
   */
  var ROW_A = new Int32Array(66);
  var ROW_B = new Int32Array(66);
  var ROW_C = new Int32Array(66);
  function editDistance(a, b, max) {
    if (Math.abs(a.length - b.length) > max) return max + 1;
    if (a.length > 64 || b.length > 64) return a === b ? 0 : max + 1;
    var prev2 = ROW_A;
    var prev = ROW_B;
    var cur = ROW_C;
    for (var j = 0; j <= b.length; j++) prev[j] = j;
    for (var i = 1; i <= a.length; i++) {
      cur[0] = i;
      var low = i;
      for (j = 1; j <= b.length; j++) {
        var cost = a.charCodeAt(i - 1) === b.charCodeAt(j - 1) ? 0 : 1;
        var d = prev[j] + 1;
        if (cur[j - 1] + 1 < d) d = cur[j - 1] + 1;
        if (prev[j - 1] + cost < d) d = prev[j - 1] + cost;
        if (i > 1 && j > 1 && a.charCodeAt(i - 1) === b.charCodeAt(j - 2) && a.charCodeAt(i - 2) === b.charCodeAt(j - 1) && prev2[j - 2] + 1 < d)
          d = prev2[j - 2] + 1;
        cur[j] = d;
        if (d < low) low = d;
      }
      if (low > max) return max + 1;
      var t = prev2;
      prev2 = prev;
      prev = cur;
      cur = t;
    }
    return prev[b.length];
  }

  var CODE_LIKE = /^[\p{L}\p{N}]+(?:-[\p{L}\p{N}]*)+$/u;

  // ---------------------------------------------------------------- pinyin (= src/search/pinyin.ts)

  // Toneless pinyin syllables (ü as v), as pinyin-pro writes them; the interjections m, n, ng, hng
  // are left out so they do not split ordinary words. test/search/people-search.test.ts checks the list.
  var SYLLABLES = new Set(
    'a ai an ang ao ba bai ban bang bao bei ben beng bi bian biao bie bin bing bo bu ca cai can cang cao ce cen ceng cha chai chan chang chao che chen cheng chi chong chou chu chua chuai chuan chuang chui chun chuo ci cong cou cu cuan cui cun cuo da dai dan dang dao de dei den deng di dia dian diao die ding diu dong dou du duan dui dun duo e ei en eng er fa fan fang fei fen feng fo fou fu ga gai gan gang gao ge gei gen geng gong gou gu gua guai guan guang gui gun guo ha hai han hang hao he hei hen heng hong hou hu hua huai huan huang hui hun huo ji jia jian jiang jiao jie jin jing jiong jiu ju juan jue jun ka kai kan kang kao ke kei ken keng kong kou ku kua kuai kuan kuang kui kun kuo la lai lan lang lao le lei leng li lia lian liang liao lie lin ling liu lo long lou lu luan lun luo lv lve ma mai man mang mao me mei men meng mi mian miao mie min ming miu mo mou mu na nai nan nang nao ne nei nen neng ni nian niang niao nie nin ning niu nong nou nu nuan nuo nv nve o ou pa pai pan pang pao pei pen peng pi pian piao pie pin ping po pou pu qi qia qian qiang qiao qie qin qing qiong qiu qu quan que qun ran rang rao re ren reng ri rong rou ru rua ruan rui run ruo sa sai san sang sao se sen seng sha shai shan shang shao she shei shen sheng shi shou shu shua shuai shuan shuang shui shun shuo si song sou su suan sui sun suo ta tai tan tang tao te tei teng ti tian tiao tie ting tong tou tu tuan tui tun tuo wa wai wan wang wei wen weng wo wu xi xia xian xiang xiao xie xin xing xiong xiu xu xuan xue xun ya yan yang yao ye yi yin ying yo yong you yu yuan yue yun za zai zan zang zao ze zei zen zeng zha zhai zhan zhang zhao zhe zhei zhen zheng zhi zhong zhou zhu zhua zhuai zhuan zhuang zhui zhun zhuo zi zong zou zu zuan zui zun zuo'.split(
      ' ',
    ),
  );
  var PINYIN_PAIR = '~';
  var PINYIN_INITIALS = '^';
  var MAX_SEGMENTATIONS = 4;
  var PINYIN_FACTOR = 0.9;

  /** Ways to cut a word into pinyin syllables (at most MAX_SEGMENTATIONS; `xian`: xian, xi an). */
  function syllables(word) {
    if (word.length > 60 || !/^[a-z]+$/.test(word)) return [];
    var memo = new Map();
    function from(i) {
      if (i === word.length) return [[]];
      if (memo.has(i)) return memo.get(i);
      var out = [];
      for (var len = Math.min(6, word.length - i); len >= 1 && out.length < MAX_SEGMENTATIONS; len--) {
        var syl = word.slice(i, i + len);
        if (!SYLLABLES.has(syl)) continue;
        var rest = from(i + len);
        for (var r = 0; r < rest.length && out.length < MAX_SEGMENTATIONS; r++) out.push([syl].concat(rest[r]));
      }
      memo.set(i, out);
      return out;
    }
    return from(0);
  }

  /**
   * Pinyin readings of a typed word, as lists of index terms that must all be present: for each way
   * to cut it into two or more syllables, its adjacent pairs (`qingjia` -> ~qingjia); and for 2-6
   * letters that could all be initials, their adjacent pairs (`qjlc` -> ^qj ^jl ^lc).
   */
  function pinyinReadings(word) {
    var out = [];
    syllables(word).forEach(function (cut) {
      if (cut.length < 2) return;
      var terms = [];
      for (var i = 0; i + 1 < cut.length; i++) terms.push(PINYIN_PAIR + cut[i] + cut[i + 1]);
      out.push(terms);
    });
    if (word.length >= 2 && word.length <= 6 && /^[a-hj-tw-z]+$/.test(word)) {
      var initials = [];
      for (var k = 0; k + 1 < word.length; k++) initials.push(PINYIN_INITIALS + word[k] + word[k + 1]);
      out.push(initials);
    }
    return out;
  }

  /**
   * An alternative that is several terms at once (a phrase, a pinyin reading): [key, factor, terms].
   * A single term stays a plain [term, factor].
   */
  function allOf(terms, factor) {
    var uniq = terms.filter(function (t, i) {
      return terms.indexOf(t) === i;
    });
    if (uniq.length === 1) return [uniq[0], factor];
    return ['\u0000' + uniq.join(' '), factor, uniq];
  }

  /** The index terms that a piece of text must have to contain it (its bigrams, words, lone characters). */
  function pieceTerms(text) {
    var out = tokenize(text).map(function (t) {
      return t.term;
    });
    var runs = text.match(new RegExp(CJK.source + '+', 'gu')) || [];
    runs.forEach(function (r) {
      if (Array.from(r).length === 1) out.push(r);
    });
    return out;
  }

  /**
   * Where the query names a synonym: [start, end, group index, word] over the folded query, longest
   * words first, not overlapping. Words of letters must stand alone (leave is not in leaves).
   */
  function synonymSpans(q, syn) {
    var found = [];
    if (!syn || syn.length === 0) return found;
    var words = [];
    syn.forEach(function (g, gi) {
      g.forEach(function (w) {
        words.push([w, gi]);
      });
    });
    words.sort(function (a, b) {
      return b[0].length - a[0].length;
    });
    var taken = new Uint8Array(q.length);
    var edge = /[\p{L}\p{N}\p{M}]/u;
    words.forEach(function (x) {
      var w = x[0];
      for (var at = q.indexOf(w); at >= 0; at = q.indexOf(w, at + 1)) {
        var end = at + w.length;
        var free = true;
        for (var k = at; k < end; k++) if (taken[k]) free = false;
        if (!free) continue;
        var first = w[0];
        var last = w[w.length - 1];
        if (kind(first) === 1 && at > 0 && edge.test(q[at - 1]) && kind(q[at - 1]) !== 2) continue;
        if (kind(last) === 1 && end < q.length && edge.test(q[end]) && kind(q[end]) !== 2) continue;
        for (k = at; k < end; k++) taken[k] = 1;
        found.push([at, end, x[1], w]);
      }
    });
    return found.sort(function (a, b) {
      return a[0] - b[0];
    });
  }

  /**
   * A query -> groups. Every group must match (if anything in the index knows it); a group has
   * alternative terms, each with a factor (1 exact, less for prefix, typo, synonym and pinyin
   * matches). `syn`: the synonym groups from the manifest (folded).
   */
  function parseQuery(query, syn) {
    var groups = [];
    var q = fold(query);
    // Synonyms first: each becomes one group whose alternatives are every word of its set.
    var spans = synonymSpans(q, syn);
    var rest = '';
    var pos = 0;
    spans.forEach(function (sp) {
      rest += q.slice(pos, sp[0]) + ' ';
      pos = sp[1];
      var alts = [];
      syn[sp[2]].forEach(function (w) {
        var ts = pieceTerms(w);
        if (ts.length > 0) alts.push(allOf(ts, w === sp[3] ? 1 : SYNONYM_FACTOR));
      });
      if (alts.length > 0) groups.push({ kind: 'syn', raw: sp[3], alts: alts });
    });
    rest += q.slice(pos);
    var pieces = rest.split(/\s+/).filter(Boolean);
    for (var p = 0; p < pieces.length; p++) {
      var piece = pieces[p];
      if (CODE_LIKE.test(piece)) {
        groups.push({ kind: 'code', raw: piece });
        continue;
      }
      var toks = tokenize(piece);
      for (var t = 0; t < toks.length; t++) {
        if (toks[t].cjk) groups.push({ kind: 'cjk', raw: toks[t].term, alts: [[toks[t].term, 1]] });
        else {
          var raw = fold(piece.slice(toks[t].start, toks[t].end));
          groups.push({ kind: 'word', raw: raw, stem: toks[t].term, pinyin: pinyinReadings(raw) });
        }
      }
      // A lone CJK character is looked up as a unigram: the index has every character.
      var runs = piece.match(new RegExp(CJK.source + '+', 'gu')) || [];
      for (var r = 0; r < runs.length; r++) {
        if (Array.from(runs[r]).length === 1) groups.push({ kind: 'cjk', raw: runs[r], alts: [[runs[r], 1]] });
      }
    }
    var meaningful = groups.filter(function (g) {
      return !(g.kind === 'word' && STOPWORDS.has(g.raw));
    });
    return meaningful.length > 0 ? meaningful : groups;
  }

  // ---------------------------------------------------------------- engine

  /**
   * `load(path)` runs one index file (path relative to the search/ folder) and resolves once it
   * has called add(); in the page that is a <script> tag, in tests a vm.
   */
  function Engine(registry, load) {
    this.registry = registry;
    this.load = load;
    this.files = new Map();
    this.postings = new Map();
    this.manifest = null;
    this.loaded = []; // paths loaded, in order (for tests and the benchmark)
  }

  Engine.prototype.file = function (kind, n, path) {
    var self = this;
    var key = kind + ':' + n;
    var p = this.files.get(key);
    if (!p) {
      p = Promise.resolve()
        .then(function () {
          self.loaded.push(path);
          return self.load(path);
        })
        .then(function () {
          var data = self.registry.take(kind, n);
          if (data === undefined) throw new Error('search index file did not load: ' + path);
          return data;
        });
      p.catch(function () {
        self.files.delete(key); // allow a retry later
      });
      this.files.set(key, p);
    }
    return p;
  };

  Engine.prototype.ready = function () {
    var self = this;
    if (!this.ready_) {
      this.ready_ = this.file('manifest', 0, 'manifest.js').then(function (m) {
        if (m.v !== 1) throw new Error('search index format ' + m.v + ' is not supported');
        self.manifest = m;
        self.procs = m.p.map(function (row, i) {
          return {
            i: i,
            code: row[0],
            name: row[1],
            status: m.status[row[2]],
            st: row[2],
            category: row[3] >= 0 ? m.cat[row[3]] : '',
            cat: row[3],
            owner: m.dept[row[4]] || '',
            control: m.dept[row[5]] || '',
            depts: row[4] === row[5] ? [row[4]] : [row[4], row[5]],
            roles: row[6],
            href: m.hrefPattern ? m.hrefPattern[0] + row[0] + m.hrefPattern[1] : m.hrefs[i],
            foldName: fold(row[1]).replace(/\s+/g, ''),
            foldCode: fold(row[0]),
          };
        });
        return m;
      });
      this.ready_.catch(function () {
        self.ready_ = null;
      });
    }
    return this.ready_;
  };

  Engine.prototype.vocab = function () {
    var self = this;
    if (!this.vocab_) {
      this.vocab_ = this.file('vocab', 0, 'vocab.js').then(function (v) {
        var words = v.w ? v.w.split(' ') : [];
        return { words: words, df: v.f };
      });
      this.vocab_.catch(function () {
        self.vocab_ = null;
      });
    }
    return this.vocab_;
  };

  Engine.prototype.numbers = function () {
    var self = this;
    if (!this.numbers_) {
      this.numbers_ = this.file('numbers', 0, 'numbers.js').then(function (v) {
        return { words: v.n ? v.n.split(' ') : [], df: v.f };
      });
      this.numbers_.catch(function () {
        self.numbers_ = null;
      });
    }
    return this.numbers_;
  };

  Engine.prototype.termsShard = function (n) {
    return this.file('terms', n, 'terms-' + n + '.js');
  };

  /** Postings of a term ([] when absent), loading its shard if needed. */
  Engine.prototype.lookup = function (term) {
    var self = this;
    if (this.postings.has(term)) return Promise.resolve(this.postings.get(term));
    return this.termsShard(shardOf(term, this.manifest.terms)).then(function (shard) {
      var list = Object.prototype.hasOwnProperty.call(shard, term) ? decodePostings(shard[term]) : [];
      self.postings.set(term, list);
      return list;
    });
  };

  /** Binary search: the first index in sorted `words` whose word is >= x. */
  function lowerBound(words, x) {
    var lo = 0;
    var hi = words.length;
    while (lo < hi) {
      var mid = (lo + hi) >> 1;
      if (words[mid] < x) lo = mid + 1;
      else hi = mid;
    }
    return lo;
  }

  /** A number -> itself, and (two digits or more) the numbers it begins, most common first. */
  function expandNumber(g, numbers) {
    var alts = [[g.stem, 1]];
    if (!numbers || g.stem.length < 2) return alts;
    var words = numbers.words;
    var longer = [];
    for (var i = lowerBound(words, g.stem); i < words.length && words[i].startsWith(g.stem); i++) if (words[i] !== g.stem) longer.push(i);
    longer
      .sort(function (a, b) {
        return numbers.df[b] - numbers.df[a] || a - b;
      })
      .slice(0, MAX_NUMBER_PREFIX)
      .forEach(function (k) {
        alts.push([words[k], PREFIX_FACTOR]);
      });
    return alts;
  }

  /** Word groups -> alternatives from the vocabulary: exact stem, prefixes, then typos. */
  function expandWord(g, vocab) {
    var words = vocab.words;
    var alts = [];
    var seen = new Set();
    function add(w, f) {
      if (!seen.has(w)) {
        seen.add(w);
        alts.push([w, f]);
      }
    }
    function lower(x) {
      return lowerBound(words, x);
    }
    // The exact term is always tried (its shard says whether it exists): the vocabulary leaves
    // out numbers, which are many (codes) and never need typo matching.
    add(g.stem, 1);
    var prefixes = [];
    [g.raw, g.stem].forEach(function (p) {
      if (p.length < 2) return;
      for (var i = lower(p); i < words.length && words[i].startsWith(p); i++) {
        if (words[i] !== g.stem) prefixes.push(i);
      }
    });
    prefixes
      .sort(function (a, b) {
        return vocab.df[b] - vocab.df[a] || a - b;
      })
      .slice(0, MAX_PREFIX)
      .forEach(function (i) {
        add(words[i], PREFIX_FACTOR);
      });
    var exact = words[lower(g.stem)] === g.stem;
    if (!exact && prefixes.length === 0 && g.raw.length >= 4 && /^\p{L}+$/u.test(g.raw)) {
      var max = g.raw.length >= 8 ? 2 : 1;
      var near = [];
      for (var i = 0; i < words.length; i++) {
        var w = words[i];
        if (Math.abs(w.length - g.raw.length) > max + 1) continue;
        var d = editDistance(g.raw, w, max);
        if (d > max && g.stem !== g.raw) d = editDistance(g.stem, w, max);
        if (d <= max) near.push([d, i]);
      }
      near
        .sort(function (a, b) {
          return a[0] - b[0] || vocab.df[b[1]] - vocab.df[a[1]] || a[1] - b[1];
        })
        .slice(0, MAX_FUZZY)
        .forEach(function (x) {
          add(words[x[1]], FUZZY_FACTOR);
        });
    }
    return alts;
  }

  /**
   * Run a query. filters: { category, dept, role, status, obsolete } (names, not indexes).
   * Resolves to { total, results: [{ proc, score, groups }], facets, terms, partial, ms }.
   */
  Engine.prototype.search = function (query, filters) {
    var self = this;
    filters = filters || {};
    return this.ready().then(function () {
      var groups = [];
      var syn = self.manifest.syn;
      parseQuery(query || '', syn).forEach(function (g) {
        // A hyphenated piece no code starts with is words after all (sick-leave, e-mail).
        if (
          g.kind === 'code' &&
          !self.procs.some(function (p) {
            return p.foldCode.startsWith(g.raw);
          })
        )
          groups.push.apply(groups, parseQuery(g.raw.replace(/-/g, ' '), syn));
        else groups.push(g);
      });
      var isNumber = function (g) {
        return g.kind === 'word' && /^\d+$/.test(g.stem);
      };
      var needVocab = groups.some(function (g) {
        return g.kind === 'word' && !isNumber(g);
      });
      // The numbers list only for a number of two digits or more (a prefix worth expanding).
      var needNumbers = groups.some(function (g) {
        return isNumber(g) && g.stem.length >= 2;
      });
      // Without the numbers list (an older or partly copied index), numbers are still found exactly.
      var numbersList = needNumbers
        ? self.numbers().catch(function () {
            return null;
          })
        : null;
      return Promise.all([needVocab ? self.vocab() : null, numbersList]).then(function (lists) {
        var vocab = lists[0];
        var numbers = lists[1];
        groups.forEach(function (g) {
          if (g.kind === 'word') {
            g.alts = isNumber(g) ? expandNumber(g, numbers) : vocab ? expandWord(g, vocab) : [[g.stem, 1]];
            g.pinyin.forEach(function (terms) {
              g.alts.push(allOf(terms, PINYIN_FACTOR));
            });
          }
          if (g.kind === 'code') g.alts = [];
        });
        var wanted = [];
        groups.forEach(function (g) {
          g.alts.forEach(function (a) {
            if (a[2]) wanted.push.apply(wanted, a[2]);
            else wanted.push(a[0]);
          });
        });
        return Promise.all(
          wanted.map(function (t) {
            return self.lookup(t);
          }),
        ).then(function () {
          // Alternatives of several terms: the processes that have all of them.
          groups.forEach(function (g) {
            g.alts.forEach(function (a) {
              if (a[2] && !self.postings.has(a[0])) self.postings.set(a[0], allPostings(a[2].map(function (t) {
                return self.postings.get(t) || [];
              })));
            });
          });
          return self.rank(query || '', groups, filters);
        });
      });
    });
  };

  /**
   * Flat postings of the processes in every list, each with the fields all lists share (or the
   * body's, when the terms were found in different fields: the words are not side by side there).
   */
  function allPostings(lists) {
    var cur = lists[0] || [];
    for (var l = 1; l < lists.length; l++) {
      var other = lists[l];
      var out = [];
      var a = 0;
      var b = 0;
      while (a < cur.length && b < other.length) {
        if (cur[a] < other[b]) a += 2;
        else if (cur[a] > other[b]) b += 2;
        else {
          out.push(cur[a], cur[a + 1] & other[b + 1] || 32);
          a += 2;
          b += 2;
        }
      }
      cur = out;
    }
    return cur;
  }

  /** The synchronous part of a search, once every needed shard is in memory (timed by the benchmark). */
  Engine.prototype.rank = function (query, groups, filters) {
    var t0 = typeof performance !== 'undefined' ? performance.now() : Date.now();
    var procs = this.procs;
    var self = this;
    // Per process and group, the best score (0: no match). Typed arrays and a list of touched
    // processes: a common term hits most of 10,000 processes and must not allocate per hit.
    var G = groups.length;
    var best = new Float64Array(procs.length * Math.max(G, 1));
    var touched = [];
    var seen = new Uint8Array(procs.length);
    var known = 0;
    var terms = new Set();
    function hit(i, gi, s) {
      if (!seen[i]) {
        seen[i] = 1;
        touched.push(i);
      }
      var at = i * G + gi;
      if (best[at] < s) best[at] = s;
    }
    groups.forEach(function (g, gi) {
      var any = false;
      g.alts.forEach(function (a) {
        var list = self.postings.get(a[0]) || [];
        if (list.length > 0) {
          any = true;
          if (a[2])
            a[2].forEach(function (t) {
              terms.add(t);
            });
          else terms.add(a[0]);
        }
        for (var k = 0; k < list.length; k += 2) hit(list[k], gi, a[1] * fieldWeight(list[k + 1]));
      });
      // Codes: exact and by prefix, straight from the manifest (no shard needed).
      if ((g.kind === 'code' || g.kind === 'word') && g.raw.length >= 2) {
        for (var i = 0; i < procs.length; i++) {
          var c = procs[i].foldCode;
          if (c === g.raw) hit(i, gi, CODE_EXACT);
          else if (c.startsWith(g.raw)) hit(i, gi, CODE_PREFIX);
          else continue;
          any = true;
        }
      }
      g.known = any;
      if (any) known++;
    });

    var q = fold(query).replace(/\s+/g, '');
    var all = [];
    var browse = G === 0;
    if (browse) {
      // No query (facets only on the results page): every process, in code order.
      for (var b = 0; b < procs.length; b++) all.push({ proc: procs[b], score: 0, matched: 0 });
    } else {
      for (var t = 0; t < touched.length; t++) {
        var ti = touched[t];
        var matched = 0;
        var score = 0;
        for (var gi = 0; gi < G; gi++) {
          var v = best[ti * G + gi];
          if (v > 0) {
            matched++;
            score += v;
          }
        }
        var p = procs[ti];
        if (q.length > 0) {
          if (p.foldName === q) score += EXACT_NAME;
          else if (p.foldName.includes(q)) score += NAME_CONTAINS;
        }
        all.push({ proc: p, score: score, matched: matched });
      }
    }
    // Groups nothing knows (a stray bigram such as 班工 in 加班工资) do not veto a result;
    // if no process has every known group, show the best partial matches.
    var full = all.filter(function (r) {
      return browse || r.matched >= known;
    });
    var partial = !browse && full.length === 0 && all.length > 0;
    var list = partial ? all : full;

    list.sort(function (a, b) {
      return b.matched - a.matched || b.score - a.score || a.proc.i - b.proc.i;
    });

    // Filters and facet counts. A facet's counts ignore its own filter (so the other values stay
    // reachable) but apply the others.
    // Everything by dictionary index, counted in typed arrays: no string maps in the loop.
    var m = this.manifest;
    var OBSOLETE = m.status.indexOf('obsolete');
    function want(dict, name) {
      return name ? dict.indexOf(name) : -1; // -1 any; a name not in the index matches nothing
    }
    var wStatus = filters.status ? m.status.indexOf(filters.status) : -1;
    var withObsolete = !!filters.obsolete || (filters.status && wStatus === OBSOLETE);
    var wCat = filters.category ? want(m.cat, filters.category) : -1;
    var wDept = filters.dept ? want(m.dept, filters.dept) : -1;
    var wRole = filters.role ? want(m.role, filters.role) : -1;
    var anyStatus = !filters.status;
    var anyCat = !filters.category;
    var anyDept = !filters.dept;
    var anyRole = !filters.role;
    var cStatus = new Int32Array(m.status.length);
    var cCat = new Int32Array(m.cat.length);
    var cDept = new Int32Array(m.dept.length);
    var cRole = new Int32Array(m.role.length);
    var results = [];
    for (var r = 0; r < list.length; r++) {
      var p = list[r].proc;
      var visible = withObsolete || p.st !== OBSOLETE;
      var okStatus = anyStatus ? visible : p.st === wStatus;
      var okCat = anyCat || p.cat === wCat;
      var okDept = anyDept || p.depts.indexOf(wDept) >= 0;
      var okRole = anyRole || p.roles.indexOf(wRole) >= 0;
      var fails = (okStatus ? 0 : 1) + (okCat ? 0 : 1) + (okDept ? 0 : 1) + (okRole ? 0 : 1);
      if (fails === 0) results.push(list[r]);
      else if (fails > 1) continue;
      // A facet's counts ignore its own filter (so the other values stay reachable) but apply
      // the others.
      if (okCat && okDept && okRole && visible) cStatus[p.st]++;
      if (okStatus && okDept && okRole && p.cat >= 0) cCat[p.cat]++;
      if (okStatus && okCat && okRole) for (var d = 0; d < p.depts.length; d++) if (p.depts[d] >= 0) cDept[p.depts[d]]++;
      if (okStatus && okCat && okDept) for (var x = 0; x < p.roles.length; x++) if (p.roles[x] >= 0) cRole[p.roles[x]]++;
    }
    function counts(dict, arr) {
      var out = new Map();
      for (var k = 0; k < arr.length; k++) if (arr[k] > 0) out.set(dict[k], arr[k]);
      return out;
    }
    var facets = {
      status: counts(m.status, cStatus),
      category: counts(m.cat, cCat),
      dept: counts(m.dept, cDept),
      role: counts(m.role, cRole),
    };
    var t1 = typeof performance !== 'undefined' ? performance.now() : Date.now();
    return {
      query: query,
      groups: groups,
      total: results.length,
      results: results,
      facets: facets,
      terms: terms,
      partial: partial,
      ms: t1 - t0,
    };
  };

  /** Snippet text of the given processes: loads their docs shards. */
  Engine.prototype.docs = function (procs) {
    var self = this;
    var starts = this.manifest.docs;
    function shardFor(i) {
      var lo = 0;
      var hi = starts.length - 1;
      while (lo < hi) {
        var mid = (lo + hi + 1) >> 1;
        if (starts[mid] <= i) lo = mid;
        else hi = mid - 1;
      }
      return lo;
    }
    return Promise.all(
      procs.map(function (p) {
        var n = shardFor(p.i);
        return self.file('docs', n, 'docs-' + n + '.js').then(function (d) {
          var row = d[p.i - starts[n]];
          return { steps: row[0], body: row[1], tags: row[2] };
        });
      }),
    );
  };

  /** Ranges [start, end) of `text` to highlight for a search's matched terms, merged. */
  function highlights(text, terms) {
    if (!text || terms.size === 0) return [];
    var toks = tokenize(text, { unigrams: true });
    var spans = [];
    for (var i = 0; i < toks.length; i++) if (terms.has(toks[i].term)) spans.push([toks[i].start, toks[i].end]);
    spans.sort(function (a, b) {
      return a[0] - b[0] || a[1] - b[1];
    });
    var out = [];
    spans.forEach(function (s) {
      var last = out[out.length - 1];
      if (last && s[0] <= last[1]) last[1] = Math.max(last[1], s[1]);
      else out.push([s[0], s[1]]);
    });
    return out;
  }

  /** How many of the search's groups a text matches (its terms against each group's alternatives). */
  function groupsIn(text, search) {
    if (!text) return 0;
    var set = new Set(
      tokenize(text, { unigrams: true }).map(function (t) {
        return t.term;
      }),
    );
    var n = 0;
    search.groups.forEach(function (g) {
      if (
        g.alts.some(function (a) {
          return a[2]
            ? a[2].every(function (t) {
                return set.has(t);
              })
            : set.has(a[0]);
        })
      )
        n++;
    });
    return n;
  }

  /**
   * Where a result matched: the best step (for a #step-N link), else tags, else body; with a
   * snippet window and highlight ranges. `name` says whether the name alone covers the query.
   */
  function locate(result, doc, search) {
    var best = null;
    function consider(field, text, step, rank) {
      var n = groupsIn(text, search);
      if (n > 0 && (!best || n > best.n || (n === best.n && rank < best.rank))) best = { field: field, text: text, step: step, n: n, rank: rank };
    }
    doc.steps.forEach(function (s, i) {
      var text = s[0] + (s[1] ? ' — ' + s[1] : '') + (s[2] ? ' [' + s[2] + ']' : '');
      consider('step', text, i + 1, 0);
    });
    consider('tags', doc.tags.join(' · '), 0, 1);
    consider('body', doc.body, 0, 2);
    var nameGroups = groupsIn(result.proc.name, search);
    var known = search.groups.filter(function (g) {
      return g.known;
    }).length;
    // step: the step the snippet comes from; link: the step to link to (none when the name
    // alone answers the query: the reader wants the page, not its third step).
    var out = { step: 0, link: 0, where: '', snippet: null };
    if (best) {
      out.where = best.field;
      out.snippet = window_(best.text, highlights(best.text, search.terms));
      out.step = best.step;
      if (best.field === 'step' && nameGroups < known) out.link = best.step;
    }
    return out;
  }

  /** A window of text around the first highlight, ~90 characters, cut at safe places. */
  function window_(text, ranges) {
    var BEFORE = 24;
    var LENGTH = 90;
    var start = 0;
    if (ranges.length > 0 && ranges[0][0] > BEFORE) start = ranges[0][0] - BEFORE;
    var end = Math.min(text.length, start + LENGTH);
    if (end === text.length) start = Math.max(0, Math.min(start, end - LENGTH));
    // Do not split a surrogate pair.
    if (start > 0 && /[\uDC00-\uDFFF]/.test(text[start])) start--;
    if (end < text.length && /[\uDC00-\uDFFF]/.test(text[end])) end++;
    var parts = [];
    var pos = start;
    ranges.forEach(function (r) {
      var a = Math.max(r[0], start);
      var b = Math.min(r[1], end);
      if (b <= a) return;
      if (a > pos) parts.push([text.slice(pos, a), false]);
      parts.push([text.slice(a, b), true]);
      pos = b;
    });
    if (pos < end) parts.push([text.slice(pos, end), false]);
    return { parts: parts, before: start > 0, after: end < text.length };
  }

  // ---------------------------------------------------------------- registry

  var registry = {
    store: Object.create(null),
    add: function (kind, n, data) {
      this.store[kind + ':' + n] = data;
    },
    take: function (kind, n) {
      var v = this.store[kind + ':' + n];
      delete this.store[kind + ':' + n];
      return v;
    },
  };
  var api = {
    add: function (kind, n, data) {
      registry.add(kind, n, data);
    },
    // For tests and the benchmark.
    core: {
      normalise: normalise,
      fold: fold,
      stem: stem,
      tokenize: tokenize,
      decodePostings: decodePostings,
      shardOf: shardOf,
      editDistance: editDistance,
      parseQuery: parseQuery,
      syllables: syllables,
      pinyinReadings: pinyinReadings,
      highlights: highlights,
      locate: locate,
      createEngine: function (load) {
        return new Engine(registry, load);
      },
    },
  };
  var root = typeof window !== 'undefined' ? window : globalThis;
  if (!root.__flowbookSearch) root.__flowbookSearch = api;
  if (typeof document === 'undefined' || !document.querySelector) return;

  // ---------------------------------------------------------------- page

  var scriptEl = document.currentScript;
  var scriptUrl = scriptEl && scriptEl.src ? scriptEl.src : new URL('assets/search.js', document.baseURI).href;
  var indexBase = new URL('../search/', scriptUrl);
  var siteRoot = new URL('../', scriptUrl);
  var isFile = indexBase.protocol === 'file:';
  var zh = /^zh/i.test(document.documentElement.lang || '');

  var T = zh
    ? {
        results: function (n) {
          return n === 0 ? '没有找到流程' : '找到 ' + n + ' 个流程';
        },
        partial: '没有同时包含全部关键词的流程;以下为部分匹配。',
        all: function (n) {
          return '查看全部 ' + n + ' 个结果';
        },
        loading: '正在加载搜索索引…',
        failed: '搜索索引加载失败。',
        step: function (n) {
          return '步骤 ' + n;
        },
        tags: '标签',
        body: '说明',
        listbox: '搜索建议',
        prompt: '在上方搜索框输入关键词,例如“请假”“加班”或流程编号。',
        facets: '筛选',
        category: '类别',
        dept: '部门',
        role: '角色',
        status: '状态',
        any: '全部',
        obsolete: '包含已作废流程',
        more: '显示更多结果',
        statuses: { controlled: '受控', uncontrolled: '非受控', draft: '草稿', obsolete: '作废' },
        owner: '归口部门',
        count: function (n) {
          return n + ' 个结果';
        },
      }
    : {
        results: function (n) {
          return n === 0 ? 'No processes found' : n === 1 ? '1 process found' : n + ' processes found';
        },
        partial: 'No process contains every word; showing partial matches.',
        all: function (n) {
          return 'See all ' + n + ' results';
        },
        loading: 'Loading the search index…',
        failed: 'The search index could not be loaded.',
        step: function (n) {
          return 'Step ' + n;
        },
        tags: 'Tags',
        body: 'Description',
        listbox: 'Search suggestions',
        prompt: 'Type in the search box above, for example “leave”, “overtime” or a process code.',
        facets: 'Filter',
        category: 'Category',
        dept: 'Department',
        role: 'Role',
        status: 'Status',
        any: 'All',
        obsolete: 'Include obsolete processes',
        more: 'Show more results',
        statuses: { controlled: 'Controlled', uncontrolled: 'Uncontrolled', draft: 'Draft', obsolete: 'Obsolete' },
        owner: 'Owner',
        count: function (n) {
          return n === 1 ? '1 result' : n + ' results';
        },
      };

  var version = '';
  function loadScript(path) {
    return new Promise(function (resolve, reject) {
      var s = document.createElement('script');
      s.src = new URL(path + (version && !isFile ? '?v=' + version : ''), indexBase).href;
      s.async = true;
      s.onload = function () {
        s.remove();
        resolve();
      };
      s.onerror = function () {
        s.remove();
        reject(new Error('could not load ' + path));
      };
      document.head.appendChild(s);
    });
  }

  var engine = new Engine(registry, loadScript);
  var origReady = engine.ready.bind(engine);
  engine.ready = function () {
    return origReady().then(function (m) {
      version = m.id;
      return m;
    });
  };
  api.engine = engine;

  var cssAdded = false;
  function addCss() {
    if (cssAdded) return;
    cssAdded = true;
    // The layout may link it already.
    var links = document.querySelectorAll('link[rel~="stylesheet"]');
    for (var i = 0; i < links.length; i++) if (/(?:^|\/)search\.css(?:[?#]|$)/.test(links[i].href)) return;
    var l = document.createElement('link');
    l.rel = 'stylesheet';
    l.href = new URL('search.css', scriptUrl).href;
    document.head.appendChild(l);
  }

  function el(tag, attrs, children) {
    var e = document.createElement(tag);
    if (attrs)
      Object.keys(attrs).forEach(function (k) {
        if (attrs[k] === null || attrs[k] === undefined || attrs[k] === false) return;
        if (k === 'class') e.className = attrs[k];
        else e.setAttribute(k, attrs[k] === true ? '' : String(attrs[k]));
      });
    (children || []).forEach(function (c) {
      if (c === null || c === undefined) return;
      e.appendChild(typeof c === 'string' ? document.createTextNode(c) : c);
    });
    return e;
  }

  /** Text with <mark>s, as DOM nodes only. */
  function marked(text, ranges) {
    var f = document.createDocumentFragment();
    var pos = 0;
    ranges.forEach(function (r) {
      if (r[0] > pos) f.appendChild(document.createTextNode(text.slice(pos, r[0])));
      f.appendChild(el('mark', null, [text.slice(r[0], r[1])]));
      pos = r[1];
    });
    if (pos < text.length) f.appendChild(document.createTextNode(text.slice(pos)));
    return f;
  }

  function snippetNode(loc) {
    if (!loc || !loc.snippet) return null;
    var s = el('span', { class: 'fb-snippet' });
    var where = loc.where === 'step' ? T.step(loc.step) : loc.where === 'tags' ? T.tags : T.body;
    if (where) s.appendChild(el('span', { class: 'fb-where' }, [where]));
    if (loc.snippet.before) s.appendChild(document.createTextNode('…'));
    loc.snippet.parts.forEach(function (p) {
      s.appendChild(p[1] ? el('mark', null, [p[0]]) : document.createTextNode(p[0]));
    });
    if (loc.snippet.after) s.appendChild(document.createTextNode('…'));
    return s;
  }

  function hrefOf(r, loc) {
    var u = new URL(r.proc.href, siteRoot);
    if (loc && loc.link) u.hash = 'step-' + loc.link;
    return u.href;
  }

  function metaNode(r) {
    var p = r.proc;
    return el('span', { class: 'fb-meta' }, [
      el('span', { class: 'fb-code' }, [p.code]),
      ' ',
      el('span', { class: 'fb-status fb-status-' + p.status }, [T.statuses[p.status] || p.status]),
      p.owner ? ' ' : null,
      p.owner ? el('span', { class: 'fb-owner' }, [p.owner]) : null,
    ]);
  }

  /** Fill in snippets and step links once the docs shards of the shown results arrive. */
  function withDetails(search, shown, apply) {
    return engine.docs(shown.map((r) => r.proc)).then(function (docs) {
      shown.forEach(function (r, i) {
        apply(r, locate(r, docs[i], search));
      });
    });
  }

  function isEditable(t) {
    return !!t && (t.isContentEditable || /^(?:input|textarea|select)$/i.test(t.tagName || ''));
  }

  // ---------------------------------------------------------------- combobox in the header

  var forms = Array.prototype.slice.call(document.querySelectorAll('form.fb-search'));
  var form = forms[0];
  var input = form && form.querySelector('input[type="search"], input[name="q"]');
  var page = document.getElementById('fb-search-page');

  // "/" focuses the header search box, unless the reader is typing somewhere.
  document.addEventListener('keydown', function (e) {
    if (e.key !== '/' || e.ctrlKey || e.metaKey || e.altKey || e.defaultPrevented) return;
    if (isEditable(e.target) || !input) return;
    e.preventDefault();
    input.focus();
    input.select();
  });

  forms.forEach(function (f, n) {
    var box = f.querySelector('input[type="search"], input[name="q"]');
    // On search.html the header box drives the results page instead of a dropdown.
    if (box && !(page && f === form)) setupCombobox(f, box, n);
  });
  if (page) setupPage();

  function setupCombobox(form, input, n) {
    var DROPDOWN = 8;
    var listId = 'fb-search-list' + (n ? '-' + n : '');
    var optPrefix = 'fb-opt' + (n ? n : '') + '-';
    // The popup holds the listbox (options only, as the pattern wants) and, outside it, the
    // "nothing found" or error message.
    var list = el('ul', { id: listId, role: 'listbox', class: 'fb-listbox', 'aria-label': T.listbox, hidden: true });
    var msg = el('p', { class: 'fb-empty', hidden: true });
    var popup = el('div', { class: 'fb-popup', hidden: true }, [list, msg]);
    var live = el('div', { class: 'fb-vh', role: 'status', 'aria-live': 'polite', 'aria-atomic': 'true' });
    form.classList.add('fb-enhanced');
    form.appendChild(popup);
    form.appendChild(live);
    input.setAttribute('role', 'combobox');
    input.setAttribute('aria-autocomplete', 'list');
    input.setAttribute('aria-expanded', 'false');
    input.setAttribute('aria-controls', listId);
    var options = [];
    var active = -1;
    var seq = 0;
    var timer = 0;
    var last = '';

    function setActive(i) {
      if (active >= 0 && options[active]) options[active].setAttribute('aria-selected', 'false');
      active = i;
      if (i >= 0 && options[i]) {
        options[i].setAttribute('aria-selected', 'true');
        input.setAttribute('aria-activedescendant', options[i].id);
        options[i].scrollIntoView({ block: 'nearest' });
      } else input.removeAttribute('aria-activedescendant');
    }
    function open(yes) {
      popup.hidden = !yes;
      list.hidden = !(yes && options.length > 0);
      input.setAttribute('aria-expanded', list.hidden ? 'false' : 'true');
      if (!yes) setActive(-1);
    }
    function message(text) {
      msg.textContent = text;
      msg.hidden = !text;
    }
    function start() {
      addCss();
      engine.ready().catch(function () {});
    }
    function searchUrl(q) {
      var u = new URL(form.action || new URL('search.html', siteRoot).href);
      u.search = '';
      u.searchParams.set('q', q);
      return u.href;
    }
    // Options are not links (an option's content is presentational; links inside would be
    // nested interactive controls): a click navigates, with Ctrl/Cmd/middle click a new tab.
    function option(id, href, children) {
      var o = el('li', { id: id, role: 'option', class: 'fb-option', 'aria-selected': 'false' }, [el('span', { class: 'fb-option-body' }, children)]);
      o.dataset.href = href;
      return o;
    }
    function render(search, q) {
      list.textContent = '';
      options = [];
      active = -1;
      input.removeAttribute('aria-activedescendant');
      var shown = search.results.slice(0, DROPDOWN);
      var nodes = shown.map(function (r, i) {
        var name = el('span', { class: 'fb-name' }, [marked(r.proc.name, highlights(r.proc.name, search.terms))]);
        var o = option(optPrefix + i, hrefOf(r, null), [name, metaNode(r)]);
        list.appendChild(o);
        options.push(o);
        return o;
      });
      if (search.total > 0) {
        var all = option(optPrefix + 'all', searchUrl(q), [el('span', { class: 'fb-all' }, [T.all(search.total)])]);
        list.appendChild(all);
        options.push(all);
      }
      message(search.total > 0 ? '' : T.results(0));
      open(true);
      live.textContent = (search.partial && search.total > 0 ? T.partial + ' ' : '') + T.results(search.total);
      var mySeq = seq;
      withDetails(search, shown, function (r, loc) {
        if (mySeq !== seq) return;
        var o = nodes[shown.indexOf(r)];
        var href = hrefOf(r, loc);
        o.dataset.href = href;
        var sn = snippetNode(loc);
        if (sn) o.firstChild.appendChild(sn);
      }).catch(function () {});
    }
    function run() {
      var q = input.value;
      if (q === last) return;
      last = q;
      var mySeq = ++seq;
      if (!q.trim()) {
        open(false);
        live.textContent = '';
        return;
      }
      engine
        .search(q, {})
        .then(function (s) {
          if (mySeq === seq && document.activeElement === input) render(s, q);
        })
        .catch(function () {
          if (mySeq !== seq) return;
          list.textContent = '';
          options = [];
          message(T.failed);
          open(true);
          live.textContent = T.failed;
        });
    }

    input.addEventListener('focus', start);
    function schedule() {
      clearTimeout(timer);
      timer = setTimeout(run, 60);
    }
    input.addEventListener('input', function (e) {
      start();
      // While an input method composes (pinyin "qingjia" before it becomes 请假), wait for the text.
      if (e.isComposing) return;
      schedule();
    });
    input.addEventListener('compositionend', schedule);
    input.addEventListener('keydown', function (e) {
      start();
      if (e.isComposing) return; // IME: arrows and Enter belong to the input method
      if (e.key === 'ArrowDown' || e.key === 'ArrowUp') {
        e.preventDefault();
        if (popup.hidden) {
          if (options.length > 0) open(true);
          else run();
          // Opening with an arrow also moves to the first (or last) option, as in the APG pattern.
          if (options.length > 0) setActive(e.key === 'ArrowUp' ? options.length - 1 : 0);
          return;
        }
        if (options.length === 0) return;
        var n = e.key === 'ArrowDown' ? active + 1 : active - 1;
        if (n >= options.length) n = 0;
        if (n < -1) n = options.length - 1;
        setActive(n);
      } else if (e.key === 'Enter') {
        if (!popup.hidden && active >= 0 && options[active]) {
          e.preventDefault();
          window.location.href = options[active].dataset.href;
        }
      } else if (e.key === 'Escape') {
        if (!popup.hidden) {
          e.preventDefault();
          open(false);
        } else if (input.value) {
          e.preventDefault();
          input.value = '';
          last = '';
        }
      }
    });
    // Keep focus in the input while clicking an option.
    popup.addEventListener('mousedown', function (e) {
      e.preventDefault();
    });
    function follow(e) {
      var o = e.target.closest && e.target.closest('[role="option"]');
      if (!o || !list.contains(o)) return;
      e.preventDefault();
      if (e.button === 1 || e.ctrlKey || e.metaKey) window.open(o.dataset.href, '_blank', 'noopener');
      else window.location.href = o.dataset.href;
    }
    list.addEventListener('click', follow);
    list.addEventListener('auxclick', function (e) {
      if (e.button === 1) follow(e);
    });
    form.addEventListener('focusout', function (e) {
      if (!form.contains(e.relatedTarget)) open(false);
    });
    input.addEventListener('click', function () {
      if (popup.hidden && options.length > 0 && input.value.trim()) open(true);
    });
  }

  // ---------------------------------------------------------------- results page

  function setupPage() {
    var PAGE = 20;
    var params = new URLSearchParams(window.location.search);
    var state = {
      q: params.get('q') || '',
      category: params.get('category') || '',
      dept: params.get('dept') || '',
      role: params.get('role') || '',
      status: params.get('status') || '',
      obsolete: params.get('obsolete') === '1',
    };
    if (input) input.value = state.q;
    var summary = el('p', { class: 'fb-summary', role: 'status', 'aria-live': 'polite', 'aria-atomic': 'true' });
    var facetsBox = el('form', { class: 'fb-facets', 'aria-label': T.facets });
    var listEl = el('ol', { class: 'fb-results' });
    var more = el('button', { type: 'button', class: 'fb-more', hidden: true }, [T.more]);
    page.textContent = '';
    page.appendChild(summary);
    page.appendChild(facetsBox);
    page.appendChild(listEl);
    page.appendChild(more);
    var seq = 0;
    var current = null;
    var shownCount = 0;

    function anyFacet() {
      return !!(state.category || state.dept || state.role || state.status);
    }
    function writeUrl() {
      var u = new URL(window.location.href);
      u.search = '';
      if (state.q) u.searchParams.set('q', state.q);
      ['category', 'dept', 'role', 'status'].forEach(function (k) {
        if (state[k]) u.searchParams.set(k, state[k]);
      });
      if (state.obsolete) u.searchParams.set('obsolete', '1');
      try {
        window.history.replaceState(null, '', u.href);
      } catch (err) {
        // Some browsers refuse history changes on file:// pages; the results still show.
      }
    }
    function select(name, label, counts, value, labelOf) {
      var id = 'fb-facet-' + name;
      var s = el('select', { id: id, name: name });
      var keys = Array.from(counts.keys());
      if (value && !counts.has(value)) keys.push(value);
      keys.sort(function (a, b) {
        return a.localeCompare(b, zh ? 'zh-CN' : 'en');
      });
      s.appendChild(el('option', { value: '' }, [T.any]));
      keys.forEach(function (k) {
        var o = el('option', { value: k }, [(labelOf ? labelOf(k) : k) + ' (' + (counts.get(k) || 0) + ')']);
        if (k === value) o.selected = true;
        s.appendChild(o);
      });
      s.addEventListener('change', function () {
        state[name] = s.value;
        update();
      });
      return el('div', { class: 'fb-facet' }, [el('label', { for: id }, [label]), s]);
    }
    function renderFacets(search) {
      var keep = document.activeElement && facetsBox.contains(document.activeElement) ? document.activeElement.id : null;
      facetsBox.textContent = '';
      facetsBox.appendChild(select('category', T.category, search.facets.category, state.category));
      facetsBox.appendChild(select('dept', T.dept, search.facets.dept, state.dept));
      facetsBox.appendChild(select('role', T.role, search.facets.role, state.role));
      facetsBox.appendChild(
        select('status', T.status, search.facets.status, state.status, function (k) {
          return T.statuses[k] || k;
        }),
      );
      var cb = el('input', { type: 'checkbox', id: 'fb-facet-obsolete', name: 'obsolete', value: '1' });
      cb.checked = state.obsolete;
      cb.addEventListener('change', function () {
        state.obsolete = cb.checked;
        update();
      });
      facetsBox.appendChild(el('div', { class: 'fb-facet fb-facet-check' }, [cb, el('label', { for: 'fb-facet-obsolete' }, [T.obsolete])]));
      if (keep) {
        var again = document.getElementById(keep);
        if (again) again.focus();
      }
    }
    function renderMore(search) {
      var slice = search.results.slice(shownCount, shownCount + PAGE);
      var items = slice.map(function (r) {
        var a = el('a', { href: hrefOf(r, null) }, [marked(r.proc.name, highlights(r.proc.name, search.terms))]);
        var li = el('li', { class: 'fb-result' }, [
          el('h2', { class: 'fb-result-title' }, [a]),
          el('p', { class: 'fb-result-meta' }, [metaNode(r)]),
        ]);
        listEl.appendChild(li);
        return { li: li, a: a };
      });
      shownCount += slice.length;
      more.hidden = shownCount >= search.total;
      var mySeq = seq;
      withDetails(search, slice, function (r, loc) {
        if (mySeq !== seq) return;
        var it = items[slice.indexOf(r)];
        it.a.setAttribute('href', hrefOf(r, loc));
        var sn = snippetNode(loc);
        if (sn) it.li.appendChild(el('p', { class: 'fb-result-snippet' }, [sn]));
      }).catch(function () {});
    }
    function update() {
      writeUrl();
      var mySeq = ++seq;
      if (!state.q.trim() && !anyFacet()) {
        summary.textContent = T.prompt;
        facetsBox.textContent = '';
        listEl.textContent = '';
        more.hidden = true;
        return;
      }
      addCss();
      summary.textContent = T.loading;
      engine
        .search(state.q, state)
        .then(function (s) {
          if (mySeq !== seq) return;
          current = s;
          shownCount = 0;
          listEl.textContent = '';
          summary.textContent = (s.partial && s.total > 0 ? T.partial + ' ' : '') + T.results(s.total);
          renderFacets(s);
          renderMore(s);
        })
        .catch(function () {
          if (mySeq === seq) summary.textContent = T.failed;
        });
    }
    more.addEventListener('click', function () {
      if (current) renderMore(current);
    });
    if (form && input) {
      form.addEventListener('submit', function (e) {
        e.preventDefault();
        state.q = input.value;
        update();
      });
      var timer = 0;
      input.addEventListener('focus', addCss);
      var later = function () {
        clearTimeout(timer);
        timer = setTimeout(function () {
          if (state.q === input.value) return;
          state.q = input.value;
          update();
        }, 120);
      };
      input.addEventListener('input', function (e) {
        if (!e.isComposing) later();
      });
      input.addEventListener('compositionend', later);
    }
    update();
  }
})();
