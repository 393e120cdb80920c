import { execFileSync } from 'node:child_process';
import { bcmSections } from '@raptorflow/contracts';
import { buildBcm } from './bcm.builder';
import { renderBcmPdf } from './bcm.pdf';
import { STAMP, maximalContext, sampleContext } from './bcm.test-data';

// Read back as a person would: pdftotext (poppler-utils), whitespace collapsed so wrapped lines still match.
const pdfText = (pdf: Buffer) => execFileSync('pdftotext', ['-', '-'], { input: pdf }).toString().replace(/\s+/g, ' ');
const flat = (text: string) => text.replace(/\s+/g, ' ').replace(/₹/g, 'INR ');

describe('renderBcmPdf', () => {
  it('writes every section of the manifest with its rows, as the manifest page shows them', async () => {
    const manifest = buildBcm(sampleContext(), STAMP);
    const pdf = await renderBcmPdf(manifest);
    expect(pdf.subarray(0, 5).toString()).toBe('%PDF-');
    const text = pdfText(pdf);
    expect(text).toContain(`${manifest.identity.company} Business Context Manifest, version 4`);
    expect(text).toContain('from business context v7');
    const sections = bcmSections(manifest);
    expect(sections.map((s) => s.title)).toEqual(['Identity', 'Offering', 'Positioning', 'Customer profiles', 'Competitors', 'Messaging', 'Channels', '90-day goal', 'Constraints', 'Baseline']);
    for (const section of sections) {
      expect(text).toContain(section.title);
      for (const row of section.rows) expect(text).toContain(flat(`${row.label}: ${row.value}`));
    }
  });

  it('gives the same bytes for the same manifest, and paginates the largest one', async () => {
    const manifest = buildBcm(sampleContext(), STAMP);
    expect((await renderBcmPdf(manifest)).equals(await renderBcmPdf(manifest))).toBe(true);
    const big = buildBcm(maximalContext(), STAMP);
    const pdf = await renderBcmPdf(big);
    expect(Number(/\/Count (\d+)/.exec(pdf.toString('latin1'))?.[1])).toBeGreaterThan(1);
    expect(pdfText(pdf)).toContain('Baseline');
  });

  it('spells rupees out and marks characters Helvetica cannot draw, keeping the rest of the text', async () => {
    const manifest = buildBcm(sampleContext(), STAMP);
    manifest.identity.company = 'Chai “Point” ₹10 चाय';
    const text = pdfText(await renderBcmPdf(manifest));
    expect(text).toContain('Chai “Point” INR 10 ???');
  });
});
