/**
 * The query side of pinyin search: a typed word cut into syllables or initials, as the index terms
 * that the build made from Chinese names and tags (src/search/pinyin.ts, with pinyin-pro; too big
 * for the browser, so the reader's side segments by a syllable list instead).
 */
import { PINYIN_INITIALS, PINYIN_PAIR } from '../../search/format.js';

// Toneless pinyin syllables (ü as v), as pinyin-pro writes them; the interjections m, n, ng, hng
// are left out so they do not split ordinary words. test/search/people-search.test.ts checks the list.
export const SYLLABLES: ReadonlySet<string> = new Set(
  'a ai an ang ao ba bai ban bang bao bei ben beng bi bian biao bie bin bing bo bu ca cai can cang cao ce cen ceng cha chai chan chang chao che chen cheng chi chong chou chu chua chuai chuan chuang chui chun chuo ci cong cou cu cuan cui cun cuo da dai dan dang dao de dei den deng di dia dian diao die ding diu dong dou du duan dui dun duo e ei en eng er fa fan fang fei fen feng fo fou fu ga gai gan gang gao ge gei gen geng gong gou gu gua guai guan guang gui gun guo ha hai han hang hao he hei hen heng hong hou hu hua huai huan huang hui hun huo ji jia jian jiang jiao jie jin jing jiong jiu ju juan jue jun ka kai kan kang kao ke kei ken keng kong kou ku kua kuai kuan kuang kui kun kuo la lai lan lang lao le lei leng li lia lian liang liao lie lin ling liu lo long lou lu luan lun luo lv lve ma mai man mang mao me mei men meng mi mian miao mie min ming miu mo mou mu na nai nan nang nao ne nei nen neng ni nian niang niao nie nin ning niu nong nou nu nuan nuo nv nve o ou pa pai pan pang pao pei pen peng pi pian piao pie pin ping po pou pu qi qia qian qiang qiao qie qin qing qiong qiu qu quan que qun ran rang rao re ren reng ri rong rou ru rua ruan rui run ruo sa sai san sang sao se sen seng sha shai shan shang shao she shei shen sheng shi shou shu shua shuai shuan shuang shui shun shuo si song sou su suan sui sun suo ta tai tan tang tao te tei teng ti tian tiao tie ting tong tou tu tuan tui tun tuo wa wai wan wang wei wen weng wo wu xi xia xian xiang xiao xie xin xing xiong xiu xu xuan xue xun ya yan yang yao ye yi yin ying yo yong you yu yuan yue yun za zai zan zang zao ze zei zen zeng zha zhai zhan zhang zhao zhe zhei zhen zheng zhi zhong zhou zhu zhua zhuai zhuan zhuang zhui zhun zhuo zi zong zou zu zuan zui zun zuo'.split(
    ' ',
  ),
);

const MAX_SEGMENTATIONS = 4;

/** Ways to cut a word into pinyin syllables (at most MAX_SEGMENTATIONS; `xian`: xian, xi an). */
export function syllables(word: string): string[][] {
  if (word.length > 60 || !/^[a-z]+$/.test(word)) return [];
  const memo = new Map<number, string[][]>();
  const from = (i: number): string[][] => {
    if (i === word.length) return [[]];
    const known = memo.get(i);
    if (known) return known;
    const out: string[][] = [];
    for (let len = Math.min(6, word.length - i); len >= 1 && out.length < MAX_SEGMENTATIONS; len--) {
      const syl = word.slice(i, i + len);
      if (!SYLLABLES.has(syl)) continue;
      const rest = from(i + len);
      for (let r = 0; r < rest.length && out.length < MAX_SEGMENTATIONS; r++) out.push([syl, ...rest[r]!]);
    }
    memo.set(i, out);
    return out;
  };
  return from(0);
}

/**
 * Pinyin readings of a typed word, as lists of index terms that must all be present: for each way
 * to cut it into two or more syllables, its adjacent pairs (`qingjia` -> ~qingjia); and for 2-6
 * letters that could all be initials, their adjacent pairs (`qjlc` -> ^qj ^jl ^lc).
 */
export function pinyinReadings(word: string): string[][] {
  const out: string[][] = [];
  for (const cut of syllables(word)) {
    if (cut.length < 2) continue;
    const terms: string[] = [];
    for (let i = 0; i + 1 < cut.length; i++) terms.push(PINYIN_PAIR + cut[i]! + cut[i + 1]!);
    out.push(terms);
  }
  if (word.length >= 2 && word.length <= 6 && /^[a-hj-tw-z]+$/.test(word)) {
    const initials: string[] = [];
    for (let k = 0; k + 1 < word.length; k++) initials.push(PINYIN_INITIALS + word[k]! + word[k + 1]!);
    out.push(initials);
  }
  return out;
}
