// Author errors on Chinese lines: columns count code points, as an editor shows them. A CJK character is one
// column; so is one outside the BMP (a rare hanzi such as 𠀀, or an emoji), which is two UTF-16 units.
import { describe, expect, it } from 'vitest';
import { compileChapter, formatError } from '../../src/lessons/index';
import { codePointCol } from '../../src/lessons/errors';

const chapter = (body: string) => `---\ntitle: 测试\nsummary: 测试章节\norder: 1\n---\n\n${body}\n`;
const errorsOf = (body: string) => compileChapter(chapter(body), { file: 'zh.md' }).errors.map(formatError);

describe('columns in code points', () => {
  it('a CJK line: the column of the mistake counts each character once', () => {
    // 判别器的输出是 (7) + space (1) + ":value[" (7): the label starts at column 16
    expect(errorsOf('判别器的输出是 :value[nope]。')[0]).toMatch(/^zh\.md:7:16: unknown metric "nope"/);
  });

  it('characters outside the BMP (a rare hanzi, an emoji) count one column each', () => {
    expect(errorsOf('𠀀𠀁 :value[nope]')[0]).toMatch(/^zh\.md:7:11: unknown metric "nope"/);
    expect(errorsOf('😀 生成器 :value[nope]')[0]).toMatch(/^zh\.md:7:14: unknown metric "nope"/);
  });

  it('a directive attribute after CJK text in a label', () => {
    const e = errorsOf('::lab{generator.neurons=abc}\n\n:::step{train=10}\n第一步：𠀀训练 :value[dLos]\n:::');
    expect(e.find((m) => m.includes('dLos'))).toMatch(/^zh\.md:10:16: /);
  });

  it('codePointCol maps UTF-16 columns to code points', () => {
    expect(codePointCol('abc', 3)).toBe(3);
    expect(codePointCol('中文x', 3)).toBe(3);
    expect(codePointCol('😀x', 3)).toBe(2);
    expect(codePointCol('𠀀𠀁x', 5)).toBe(3);
    expect(codePointCol('', 1)).toBe(1);
  });
});
