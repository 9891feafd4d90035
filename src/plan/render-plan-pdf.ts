import PDFDocument from 'pdfkit';
import type { PlanDocument } from './plan-document';
import type { T } from '../render/translate-view';

/**
 * The plan as a PDF: a title and date, one heading per section, one block per tip (kept together on
 * a page where it fits), sources, and "page X of Y" in the footer. Uses pdfkit's standard fonts,
 * which cover the Latin characters of en, nl and fr.
 */
export function renderPlanPdf(doc: PlanDocument, t: T): Promise<Buffer> {
  const pdf = new PDFDocument({
    size: 'A4',
    // Tagged (structure: headings, paragraphs, list items), with the document's language, for screen readers.
    tagged: true,
    pdfVersion: '1.7',
    margins: { top: 56, bottom: 64, left: 56, right: 56 },
    bufferPages: true,
    info: { Title: doc.title },
    lang: doc.lang,
    displayTitle: true,
  } as PDFKit.PDFDocumentOptions);
  const chunks: Buffer[] = [];
  pdf.on('data', (c: Buffer) => chunks.push(c));
  const done = new Promise<Buffer>((resolve, reject) => {
    pdf.on('end', () => resolve(Buffer.concat(chunks)));
    pdf.on('error', reject);
  });

  const width = pdf.page.width - 112;
  const ensureRoom = (height: number) => {
    if (pdf.y + height > pdf.page.height - 64) pdf.addPage();
  };
  const root = pdf.struct('Document');
  pdf.addStructure(root);
  /** One tagged element (H1, H2, P, LI …) around what `draw` writes. */
  const tagged = (type: string, draw: () => void) => root.add(pdf.struct(type, {}, draw));
  const heading = (text: string) => {
    ensureRoom(60);
    pdf.moveDown(0.8);
    tagged('H2', () => pdf.font('Helvetica-Bold').fontSize(14).fillColor('#1f3a5f').text(text, { width }));
    pdf.moveDown(0.3).fillColor('#000000');
  };
  /** A bullet with a hanging indent: wrapped lines start under the text, not under the bullet. */
  const bullet = (line: string) => {
    ensureRoom(pdf.heightOfString(line, { width: width - 14 }) + 6);
    const top = pdf.y;
    tagged('LI', () => {
      pdf.text('•', 56, top, { width: 10, lineBreak: false });
      pdf.text(line, 70, top, { width: width - 14, paragraphGap: 4 });
    });
    pdf.x = 56;
  };

  tagged('H1', () => pdf.font('Helvetica-Bold').fontSize(22).fillColor('#1f3a5f').text(doc.title, { width }));
  tagged('P', () =>
    pdf
      .font('Helvetica')
      .fontSize(10)
      .fillColor('#444444')
      .text([...doc.about, doc.date].join('  ·  '), { width }),
  );
  pdf.fillColor('#000000');

  for (const s of doc.sections) {
    heading(s.heading);
    // The talk: the words to say, in italics, indented behind a rule, one paragraph each.
    pdf.font('Helvetica-Oblique').fontSize(11);
    for (const paragraph of s.talk) {
      const height = pdf.heightOfString(paragraph, { width: width - 18 });
      ensureRoom(height + 6);
      const top = pdf.y;
      tagged('P', () => pdf.text(paragraph, 74, top, { width: width - 18, paragraphGap: 6 }));
      pdf
        .save()
        .moveTo(62, top)
        .lineTo(62, top + height)
        .lineWidth(2)
        .strokeColor('#9fb3c8')
        .stroke()
        .restore();
      pdf.x = 56;
    }
    if (s.talk.length) pdf.moveDown(0.4);
    pdf.font('Helvetica').fontSize(11);
    for (const line of s.lines) bullet(line);
  }
  if (doc.tips.length) {
    heading(doc.tipsTitle);
    for (const tip of doc.tips) {
      pdf.font('Helvetica').fontSize(11);
      const height = pdf.heightOfString(tip.title, { width }) + pdf.heightOfString(tip.body, { width }) + 24;
      ensureRoom(Math.min(height, 300));
      tagged('H3', () => pdf.font('Helvetica-Bold').fontSize(12).text(tip.title, { width }));
      pdf.moveDown(0.2);
      tagged('P', () => pdf.font('Helvetica').fontSize(11).text(tip.body, { width }));
      pdf.moveDown(0.8);
    }
  }
  if (doc.sources.length) {
    heading(doc.sourcesTitle);
    pdf.font('Helvetica').fontSize(9).fillColor('#1a4f8b');
    for (const source of doc.sources) {
      ensureRoom(28);
      tagged('P', () => {
        pdf.font('Helvetica').text(source.label, { width, link: source.url, paragraphGap: 0 });
        pdf
          .font('Helvetica')
          .fontSize(8)
          .text(source.url, { width, link: source.url, paragraphGap: 3 })
          .fontSize(9);
      });
    }
    pdf.fillColor('#000000');
  }
  ensureRoom(40);
  pdf.moveDown(1);
  tagged('P', () =>
    pdf.font('Helvetica-Oblique').fontSize(9).fillColor('#444444').text(doc.disclaimer, { width }),
  );
  root.end();

  const range = pdf.bufferedPageRange();
  for (let i = 0; i < range.count; i++) {
    pdf.switchToPage(range.start + i);
    const bottom = pdf.page.margins.bottom;
    pdf.page.margins.bottom = 0;
    // Page numbers are not content: an artifact for screen readers.
    pdf.markContent('Artifact', { type: 'Pagination' });
    pdf
      .font('Helvetica')
      .fontSize(9)
      .fillColor('#444444')
      .text(t('common:plan.page', { page: i + 1, pages: range.count }), 56, pdf.page.height - 40, {
        width,
        align: 'center',
        lineBreak: false,
      });
    pdf.endMarkedContent();
    pdf.page.margins.bottom = bottom;
  }
  pdf.end();
  return done;
}
