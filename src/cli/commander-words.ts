/**
 * commander's own usage errors (unknown option, missing argument, ...) in Chinese. commander
 * writes them in English; the command line prints them itself, in the handbook's language, from
 * the error's code and the names in its message. An error not known here keeps its English words.
 */
import { words, type Words } from './words.js';

/** `option '--x'` / `environment variable 'X'` (commander's names in a conflict), in Chinese. */
const nameZh = (s: string) => s.replace(/^option /, '选项 ').replace(/^environment variable /, '环境变量 ');

/** `\n(Did you mean --format?)` -> `（是否要用 --format？）` */
function suggestion(message: string): { rest: string; zh: string } {
  const m = /\n\(Did you mean (.+)\?\)$/.exec(message);
  return m ? { rest: message.slice(0, m.index), zh: `（是否要用 ${m[1]}？）` } : { rest: message, zh: '' };
}

/** commander's message (`error: ...`) for its error `code`, in both languages. */
export function commanderErrorWords(code: string, message: string): Words {
  const { rest, zh: hint } = suggestion(message);
  const text = rest.replace(/^error: /, '');
  const zh = ((): string | undefined => {
    let m: RegExpExecArray | null;
    switch (code) {
      case 'commander.unknownOption':
        return (m = /^unknown option '(.+)'$/.exec(text)) ? `未知选项 '${m[1]}'${hint}` : undefined;
      case 'commander.unknownCommand':
        return (m = /^unknown command '(.+)'$/.exec(text)) ? `未知命令 '${m[1]}'${hint}` : undefined;
      case 'commander.missingArgument':
        return (m = /^missing required argument '(.+)'$/.exec(text)) ? `缺少必需的参数 '${m[1]}'` : undefined;
      case 'commander.optionMissingArgument':
        return (m = /^option '(.+)' argument missing$/.exec(text)) ? `选项 '${m[1]}' 缺少取值` : undefined;
      case 'commander.missingMandatoryOptionValue':
        return (m = /^required option '(.+)' not specified$/.exec(text)) ? `必须给出选项 '${m[1]}'` : undefined;
      case 'commander.conflictingOption':
        return (m = /^(.+) cannot be used with (.+)$/.exec(text)) ? `${nameZh(m[1]!)} 不能与 ${nameZh(m[2]!)} 同时使用` : undefined;
      case 'commander.excessArguments':
        return (m = /^too many arguments(?: for '(.+)')?\. Expected (\d+) arguments? but got (\d+)\.$/.exec(text))
          ? `参数过多：${m[1] ? `'${m[1]}' 命令` : ''}最多接受 ${m[2]} 个参数，实际给了 ${m[3]} 个。`
          : undefined;
      default:
        return undefined;
    }
  })();
  return words(message, zh === undefined ? message : `错误：${zh}`);
}
