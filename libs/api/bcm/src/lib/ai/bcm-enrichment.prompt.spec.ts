import { buildBcm } from '../bcm.builder';
import { maximalContext, sampleContext, STAMP } from '../bcm.test-data';
import { buildEnrichmentPrompt, EnrichmentParseError, MAX_MOVE_IDEA_CHARS, MAX_MOVE_IDEAS, MAX_REWRITE_CHARS, parseEnrichment } from './bcm-enrichment.prompt';

const manifest = buildBcm(sampleContext(), STAMP);
const json = (value: unknown) => JSON.stringify(value);

describe('buildEnrichmentPrompt', () => {
  it('states the task and carries the facts the suggestions depend on', () => {
    const prompt = buildEnrichmentPrompt(manifest);
    expect(prompt).toContain('Rewrite the positioning statement');
    expect(prompt).toContain(`Positioning statement: ${manifest.positioning.statement}`);
    expect(prompt).toContain(`Company: ${manifest.identity.company}`);
    for (const icp of manifest.icps) expect(prompt).toContain(`- ${icp.name} (${icp.segment})`);
    for (const { channel } of manifest.channels.active) expect(prompt).toContain(channel);
    expect(prompt).toContain(`Goal: ${manifest.goals.primary}, target ${manifest.goals.target}`);
    expect(prompt).toContain(`${manifest.constraints.hoursPerWeek} hours per week`);
  });

  it('fences the founder-written data off from the instructions', () => {
    const prompt = buildEnrichmentPrompt(manifest);
    expect(prompt.indexOf('Answer only with JSON')).toBeLessThan(prompt.indexOf('<business>'));
    expect(prompt.trimEnd().endsWith('</business>')).toBe(true);
  });

  it('is deterministic and stays small for the largest manifest', () => {
    const big = buildBcm(maximalContext(), STAMP);
    expect(buildEnrichmentPrompt(big)).toBe(buildEnrichmentPrompt(big));
    expect(buildEnrichmentPrompt(big).length).toBeLessThan(8000);
  });
});

describe('parseEnrichment', () => {
  it('accepts the requested JSON', () => {
    expect(parseEnrichment(json({ positioningRewrite: ' Close your books in a day. ', moveIdeas: ['Post a GST checklist on LinkedIn', 'Email 10 CA firms'] }))).toEqual({
      positioningRewrite: 'Close your books in a day.',
      moveIdeas: ['Post a GST checklist on LinkedIn', 'Email 10 CA firms'],
    });
  });

  it('caps the rewrite, the number of ideas and their length', () => {
    const long = 'word '.repeat(200);
    const parsed = parseEnrichment(json({ positioningRewrite: long, moveIdeas: Array.from({ length: 9 }, (_, i) => `Idea number ${i} ${long}`) }));
    expect(Array.from(parsed.positioningRewrite ?? '').length).toBeLessThanOrEqual(MAX_REWRITE_CHARS);
    expect(parsed.positioningRewrite?.endsWith('…')).toBe(true);
    expect(parsed.moveIdeas).toHaveLength(MAX_MOVE_IDEAS);
    for (const idea of parsed.moveIdeas ?? []) expect(Array.from(idea).length).toBeLessThanOrEqual(MAX_MOVE_IDEA_CHARS);
  });

  it('drops junk: non-strings, blanks, punctuation, list markers, duplicates, an unchanged statement', () => {
    const parsed = parseEnrichment(
      json({ positioningRewrite: manifest.positioning.statement, moveIdeas: [42, null, '', '  ', '...', '- Run a webinar', '2. run a  webinar', '* Cold-email 20 CFOs'] }),
      manifest,
    );
    expect(parsed).toEqual({ moveIdeas: ['Run a webinar', 'Cold-email 20 CFOs'] });
  });

  it('returns nothing when nothing usable came back', () => {
    expect(parseEnrichment(json({ positioningRewrite: 7, moveIdeas: 'not a list' }))).toEqual({});
    expect(parseEnrichment(json({}))).toEqual({});
  });

  it.each([
    ['text that is not JSON', 'Sure! Here are some ideas: ...'],
    ['a JSON array', json(['a', 'b'])],
    ['a JSON string', json('hello')],
    ['JSON null', 'null'],
  ])('throws on %s', (_, text) => {
    expect(() => parseEnrichment(text)).toThrow(EnrichmentParseError);
  });
});
