import { inputProblem, MAX_INPUT_DEPTH, stringProblem } from './input.rules';

const nest = (depth: number): unknown => (depth === 0 ? 'leaf' : { a: nest(depth - 1) });

describe('input rules', () => {
  it.each([
    ['plain text', 'Ledgerly Technologies', undefined],
    ['tabs and line breaks', 'line one\r\n\tline two', undefined],
    ['emoji and other scripts', 'नमस्ते 👍🏽 مرحبا', undefined],
    ['a right-to-left override (printable, if unwelcome)', 'a\u202eb', undefined],
    ['NUL', 'nul\u0000byte', 'must not contain the control character U+0000'],
    ['a bell', 'ring\u0007', 'must not contain the control character U+0007'],
    ['escape', '\u001b[31m', 'must not contain the control character U+001B'],
    ['DEL', 'x\u007f', 'must not contain the control character U+007F'],
    ['a lone high surrogate', 'a\ud800b', 'must be valid Unicode (it contains half of a surrogate pair)'],
    ['a lone low surrogate', '\udfffb', 'must be valid Unicode (it contains half of a surrogate pair)'],
    ['a high surrogate at the end', 'ab\ud83d', 'must be valid Unicode (it contains half of a surrogate pair)'],
  ])('%s', (_, text, problem) => {
    expect(stringProblem(text)).toBe(problem);
  });

  it('names the field of a bad string, a bad key, or the body itself', () => {
    expect(inputProblem({ answers: { companyName: 'a\u0000' } })).toEqual({ field: 'answers.companyName', problems: ['must not contain the control character U+0000'] });
    expect(inputProblem({ moveIds: ['ok', 'b\ud800'] })?.field).toBe('moveIds.1');
    expect(inputProblem({ answers: { 'k\u0001': 1 } })).toEqual({ field: 'answers.k\u0001', problems: ['name must not contain the control character U+0001'] });
    expect(inputProblem('\u0000')?.field).toBe('body');
    expect(inputProblem({ ok: 'fine', n: 1, b: true, z: null, list: [1, 'two', { three: 3 }] })).toBeUndefined();
  });

  it(`accepts nesting up to ${MAX_INPUT_DEPTH} levels and refuses deeper, without recursing further`, () => {
    expect(inputProblem(nest(MAX_INPUT_DEPTH))).toBeUndefined();
    expect(inputProblem(nest(MAX_INPUT_DEPTH + 1))).toEqual({ field: `a${'.a'.repeat(MAX_INPUT_DEPTH - 1)}`, problems: [`must not nest deeper than ${MAX_INPUT_DEPTH} levels`] });
    const deep = JSON.parse(`${'['.repeat(100_000)}${']'.repeat(100_000)}`);
    expect(inputProblem(deep)?.problems).toEqual([`must not nest deeper than ${MAX_INPUT_DEPTH} levels`]);
  });
});
