/**
 * One order of names everywhere: categories, roles and departments by pinyin (zh) or alphabetically
 * with numbers by value (en); flowbook.yml's `categories:` first. The home page, the map, the role
 * and department indexes, the search facets and the book follow it.
 */
import { describe, expect, it } from 'vitest';
import { parseSettings } from '../../src/config/settings.js';
import { buildSearchIndex } from '../../src/search/index.js';
import { buildSiteModel } from '../../src/view/model.js';
import { homePageData } from '../../src/site/pages/home.js';
import { mapColumns } from '../../src/site/pages/map.js';
import { categoryOrder, collator, nameOrder } from '../../src/util/collate.js';
import { check, doc, TODAY } from '../helpers/handbook.js';

describe('the order of names', () => {
  it("Node's ICU sorts Chinese by pinyin", () => {
    expect(collator('zh-CN').resolvedOptions().locale).toMatch(/^zh/);
    expect(['总览', '竣工', '招聘与配置', '绩效管理', '薪酬福利', '考勤与休假', '员工关系', '组织与编制'].sort(nameOrder('zh-CN'))).toEqual([
      '绩效管理', // ji
      '竣工', // jun
      '考勤与休假', // kao
      '薪酬福利', // xin
      '员工关系', // yuan
      '招聘与配置', // zhao
      '总览', // zong
      '组织与编制', // zu
    ]);
  });

  it('English alphabetically, ignoring case, numbers by value', () => {
    expect(['Returns', 'billing', 'Area 10', 'Area 2', 'Éclair', 'delivery'].sort(nameOrder('en'))).toEqual(['Area 2', 'Area 10', 'billing', 'delivery', 'Éclair', 'Returns']);
  });

  it('an explicit order comes first, the rest by collation; uncategorised last', () => {
    const order = categoryOrder('zh-CN', ['总览', '招聘与配置']);
    expect(['', '员工关系', '招聘与配置', '绩效管理', '总览'].sort(order)).toEqual(['总览', '招聘与配置', '绩效管理', '员工关系', '']);
    expect(['', 'b', 'a'].sort(categoryOrder('en'))).toEqual(['a', 'b', '']);
  });

  it('is total and deterministic: names the collator calls equal keep a fixed order', () => {
    const names = ['Ａ', 'A', 'a', 'ａ'];
    const once = [...names].sort(nameOrder('en'));
    expect([...names].reverse().sort(nameOrder('en'))).toEqual(once);
    expect(new Set(once).size).toBe(4);
  });
});

describe('flowbook.yml categories', () => {
  it('reads a list of names', () => {
    expect(parseSettings('categories: [总览, 招聘与配置, 总览]\n').settings.categories).toEqual(['总览', '招聘与配置']);
    expect(parseSettings('title: x\n').settings.categories).toBeUndefined();
  });

  it('refuses what is not a list of names, with the item', () => {
    const r = parseSettings('categories: 总览\n');
    expect(r.diagnostics.map((d) => [d.code, d.field, d.message])).toEqual([['invalid-settings', 'categories', '"categories" must be a list of category names']]);
    const item = parseSettings('categories: [总览, {a: 1}]\n');
    expect(item.diagnostics.map((d) => [d.field, d.line, d.message])).toEqual([['categories.1', 1, 'item 2 of "categories" is not a category name']]);
  });
});

describe('the site and search follow the order', () => {
  const steps = (role: string) => `  - role: ${role}\n    text: 办理\n`;
  const files = {
    'processes/a.md': doc({ code: 'HR-1', roles: '[总经理]', steps: steps('总经理'), extra: 'category: 总览\n' }),
    'processes/b.md': doc({ code: 'HR-2', roles: '[员工]', steps: steps('员工'), extra: 'category: 员工关系\n' }),
    'processes/c.md': doc({ code: 'HR-3', roles: '[部门负责人]', steps: steps('部门负责人'), extra: 'category: 绩效管理\n' }),
    'processes/d.md': doc({ code: 'HR-4', roles: '[人力资源部]', steps: steps('人力资源部') }),
  };

  for (const [settings, expected] of [
    ['language: zh-CN\n', ['绩效管理', '员工关系', '总览', '未分类']],
    ['language: zh-CN\ncategories: [总览]\n', ['总览', '绩效管理', '员工关系', '未分类']],
  ] as const) {
    it(`home page, map and search facets: ${JSON.stringify(settings)}`, () => {
      const r = check(files, { settings });
      expect(r.handbook, JSON.stringify(r.diagnostics)).toBeDefined();
      const site = buildSiteModel(r.handbook!, { today: TODAY });
      const home = homePageData(site).categories.map((c) => c.name);
      expect(home.slice(0, 3)).toEqual(expected.slice(0, 3));
      expect(mapColumns(site).map((c) => c.title).slice(0, 3)).toEqual(expected.slice(0, 3));
      const manifest = buildSearchIndex(site.published, { pageHref: (c) => `p/${c}.html`, language: 'zh-CN', ...(site.settings.categories && { categories: site.settings.categories }) }).find((f) => f.path.endsWith('manifest.js'))!;
      const cat = JSON.parse(/"cat":(\[[^\]]*\])/.exec(String(manifest.content))![1]!);
      expect(cat).toEqual(expected.slice(0, 3));
    });
  }

  it('role and department indexes by pinyin', () => {
    const site = buildSiteModel(check(files, { settings: 'language: zh-CN\n' }).handbook!, { today: TODAY });
    expect([...site.roles.keys()]).toEqual(['部门负责人', '人力资源部', '员工', '总经理']);
    expect([...site.departments.keys()]).toEqual(['人力资源部', '人力资源总监']);
  });
});
