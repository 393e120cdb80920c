import { pdfText, renderPdf } from '@raptorflow/api-platform';
import { bcmSections, formatDateTime, type BusinessContextManifest } from '@raptorflow/contracts';

// Below this many points from the page's foot a section starts on the next page rather than leave its title alone.
const KEEP_WITH_NEXT = 90;

/**
 * The manifest as a PDF: the same sections, labels and en-IN values as the manifest page and its Markdown export
 * (`bcmSections`), drawn only from the stored manifest so one version always gives the same bytes.
 */
export function renderBcmPdf(manifest: BusinessContextManifest): Promise<Buffer> {
  const company = manifest.identity.company;
  const generatedAt = new Date(manifest.generatedAt);
  return renderPdf({ title: pdfText(`${company}: Business Context Manifest v${manifest.version}`), author: 'RaptorFlow', createdAt: generatedAt }, (pdf) => {
    pdf.font('Helvetica-Bold').fontSize(18).text(pdfText(company));
    pdf.font('Helvetica').fontSize(11).text(`Business Context Manifest, version ${manifest.version}`);
    pdf.fontSize(8).fillColor('#555555').text(`Generated ${formatDateTime(generatedAt)} IST from business context v${manifest.sourceContextVersion}. Checksum ${manifest.checksum}.`);
    pdf.fillColor('black');
    for (const section of bcmSections(manifest)) {
      if (pdf.y > pdf.page.height - pdf.page.margins.bottom - KEEP_WITH_NEXT) pdf.addPage();
      pdf.moveDown(1.2).font('Helvetica-Bold').fontSize(13).text(section.title);
      pdf.moveDown(0.3).fontSize(10);
      if (section.rows.length === 0) pdf.font('Helvetica-Oblique').text('Not answered.');
      for (const row of section.rows) {
        pdf.font('Helvetica-Bold').text(`${pdfText(row.label)}: `, { continued: true }).font('Helvetica').text(pdfText(row.value));
        pdf.moveDown(0.2);
      }
    }
  });
}
