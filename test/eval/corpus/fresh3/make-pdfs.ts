/**
 * Writes <slug>/persona/linkedin.pdf for the fresh3 personas that have one, so the PDFs can be
 * regenerated and reviewed as text. The PDF text lives here (PDF_SOURCES), and check.ts reads it.
 * Some facts appear ONLY in these PDFs. Keep the text ASCII (Helvetica uses WinAnsi encoding).
 * Run: npx tsx test/eval/corpus/fresh3/make-pdfs.ts
 */
import { writeFile } from 'node:fs/promises';
import { fileURLToPath } from 'node:url';
import { PDFDocument, type PDFFont, rgb, StandardFonts } from 'pdf-lib';

export type Line = { text: string; style?: 'title' | 'heading' | 'bold' };

export const PDF_SOURCES: Record<string, Line[]> = {
  'ximena-choque': [
    { text: 'Ximena Choque Huanca', style: 'title' },
    { text: 'Head of Electromechanical Maintenance at Teleferico Illimani' },
    { text: 'El Alto, Bolivia - ximena.choque@teleferico-illimani.example.bo' },
    { text: 'About', style: 'heading' },
    { text: 'Ropeway engineer keeping urban gondola lines running at over 4,000 metres.' },
    { text: 'Experience', style: 'heading' },
    { text: 'Head of Electromechanical Maintenance - Teleferico Illimani (March 2021 - present), El Alto', style: 'bold' },
    { text: '- Leads a team of 46 technicians on two lines.' },
    { text: '- Cut unplanned stops by 38 percent between 2021 and 2023 with a new grip inspection plan.' },
    { text: 'Maintenance Engineer - Teleferico Illimani (June 2016 - February 2021), El Alto', style: 'bold' },
    { text: 'Electrical Technician - Electrica Altiplano S.A. (2013 - 2016), El Alto', style: 'bold' },
    { text: '- Substation maintenance and medium-voltage line repairs.' },
    { text: 'Education', style: 'heading' },
    { text: 'Licenciatura en Ingenieria Electromecanica - UMSA, La Paz (2008 - 2013)', style: 'bold' },
    { text: 'Ropeway technician programme, six months - manufacturer training centre, Wolfurt, Austria (2017)', style: 'bold' },
    { text: 'Licenses and certifications', style: 'heading' },
    { text: 'IRATA rope access technician, Level 2 (2019)' },
    { text: 'Volunteering', style: 'heading' },
    { text: 'Saturday robotics workshops for girls - Fundacion Chicas Tec, El Alto (2020 - present)' },
  ],
  'vikram-raghunathan': [
    { text: 'Vikram Raghunathan', style: 'title' },
    { text: 'Master Mridangam Maker - Sri Ranga Mridanga Nilayam, Thanjavur' },
    { text: 'Thanjavur, Tamil Nadu, India - srirangamridanga@example.in' },
    { text: 'About', style: 'heading' },
    { text: 'Hand-made mridangams for Carnatic musicians. (This profile is kept up to date by his daughter.)' },
    { text: 'Experience', style: 'heading' },
    { text: 'Proprietor and Master Craftsman - Sri Ranga Mridanga Nilayam (June 1982 - present), Thanjavur', style: 'bold' },
    { text: '- Instruments made for students, teachers and performers in India, Singapore, Malaysia and Canada.' },
    { text: '- Live demonstration of mridangam making at the Crafts Council of Tamil Nadu exhibition, Chennai (2016).' },
    { text: 'Education', style: 'heading' },
    { text: 'Diploma in Mechanical Engineering - Government Polytechnic College, Tiruchirappalli (1974 - 1977)', style: 'bold' },
    { text: 'Honours', style: 'heading' },
    { text: 'Best Craftsman Award - Thanjavur Sangeetha Sabha (2011)' },
  ],
  'gudrun-palsdottir': [
    { text: 'Gudrun Osk Palsdottir', style: 'title' },
    { text: 'Avalanche Forecaster at the Icelandic Met Office' },
    { text: 'Isafjordur, Iceland - gudrun.osk@example.is' },
    { text: 'Experience', style: 'heading' },
    { text: 'Avalanche Forecaster - Icelandic Met Office (October 2013 - present), Isafjordur', style: 'bold' },
    { text: '- Daily avalanche bulletins and evacuation advice for Westfjords towns.' },
    { text: 'Ski Patroller - Hlidarfjall ski area, Akureyri (2007 - 2010)', style: 'bold' },
    { text: '- Avalanche control with hand charges; patrol first-aid lead in the 2009 season.' },
    { text: 'Education', style: 'heading' },
    { text: 'MSc Geosciences (snow and ice) - University of Oslo, Norway (2010 - 2012)', style: 'bold' },
    { text: 'BSc Physics - University of Iceland (2004 - 2007)', style: 'bold' },
    { text: 'Avalanche forecasting course - WSL Institute for Snow and Avalanche Research SLF, Davos (2014)', style: 'bold' },
    { text: 'Languages', style: 'heading' },
    { text: 'Icelandic (native), English (fluent), Norwegian (fluent)' },
    { text: 'Volunteering', style: 'heading' },
    { text: 'Member, Bjorgunarfelag Isafjardar search and rescue team (2013 - present)' },
  ],
  'rhea-dimaculangan': [
    { text: 'Rhea Mae Dimaculangan', style: 'title' },
    { text: 'Esports Shoutcaster and Host | Mobile Legends: Bang Bang, Tekken 8' },
    { text: 'Cebu City, Philippines - bookings.rheality@example.ph' },
    { text: 'Experience', style: 'heading' },
    { text: 'Freelance Shoutcaster and Host (January 2021 - present), Cebu City', style: 'bold' },
    { text: '- Lead English caster, Visayas Pro League, Seasons 2 to 5.' },
    { text: '- Main stage host, Cebu Esports Festival 2023.' },
    { text: 'Community Manager - Tambay Gaming Cafe, Mandaue City (2019 - 2020)', style: 'bold' },
    { text: '- Ran weekly in-house tournaments of up to 64 players and the cafe Facebook group.' },
    { text: 'Customer Support Associate - Northpoint BPO Solutions, Cebu IT Park (2018 - 2019)', style: 'bold' },
    { text: '- Night-shift voice support for a US telecom account.' },
    { text: 'Education', style: 'heading' },
    { text: 'BA Mass Communication - University of San Carlos, Cebu City (2014 - 2018)', style: 'bold' },
  ],
  'jonas-petrauskas': [
    { text: 'Jonas Petrauskas', style: 'title' },
    { text: 'Forensic Document Examiner | Founder, Petrauskas Document Laboratory' },
    { text: 'Vilnius, Lithuania - jonas@petrauskas-lab.example.lt' },
    { text: 'Experience', style: 'heading' },
    { text: 'Founder and Principal Examiner - Petrauskas Document Laboratory (2015 - present), Vilnius', style: 'bold' },
    { text: 'Senior Expert, Document Examination - Forensic Science Centre of Lithuania (1997 - 2015), Vilnius', style: 'bold' },
    { text: '- Head of the handwriting section from 2008.' },
    { text: 'Part-time Lecturer in Forensic Science - Mykolas Romeris University (2016 - present), Vilnius', style: 'bold' },
    { text: 'Education', style: 'heading' },
    { text: 'Master of Laws - Vilnius University (1991 - 1996)', style: 'bold' },
    { text: 'Forensic handwriting examination training - Bundeskriminalamt, Wiesbaden, Germany (2003)', style: 'bold' },
    { text: 'Memberships', style: 'heading' },
    { text: 'ENFSI European Document Experts Working Group (2005 - 2015)' },
    { text: 'Languages', style: 'heading' },
    { text: 'Lithuanian (native), Russian (fluent), English (fluent), German (good), Polish (reading)' },
  ],
};

const PAGE = { width: 595, height: 842, margin: 56 };
const SIZES = { title: 20, heading: 14, bold: 10.5, body: 10.5 } as const;

function wrap(text: string, font: PDFFont, size: number, width: number): string[] {
  const lines: string[] = [];
  let current = '';
  for (const word of text.split(' ')) {
    const candidate = current ? `${current} ${word}` : word;
    if (current && font.widthOfTextAtSize(candidate, size) > width) {
      lines.push(current);
      current = word;
    } else {
      current = candidate;
    }
  }
  if (current) lines.push(current);
  return lines;
}

async function makePdf(lines: Line[]): Promise<Uint8Array> {
  const doc = await PDFDocument.create();
  // Fixed metadata keeps each file byte-identical across runs.
  const fixed = new Date('2025-01-01T00:00:00Z');
  const name = lines[0]?.text ?? 'Profile';
  doc.setTitle(`${name} - LinkedIn profile`);
  doc.setAuthor(name);
  doc.setProducer('digital-twin test/eval/corpus/fresh3/make-pdfs.ts');
  doc.setCreator('digital-twin');
  doc.setCreationDate(fixed);
  doc.setModificationDate(fixed);
  const regular = await doc.embedFont(StandardFonts.Helvetica);
  const bold = await doc.embedFont(StandardFonts.HelveticaBold);
  const page = doc.addPage([PAGE.width, PAGE.height]);
  let y = PAGE.height - PAGE.margin;
  for (const line of lines) {
    const size = SIZES[line.style ?? 'body'];
    const font = line.style ? bold : regular;
    if (line.style === 'heading') y -= 10;
    for (const part of wrap(line.text, font, size, PAGE.width - 2 * PAGE.margin)) {
      y -= size * 1.45;
      page.drawText(part, { x: PAGE.margin, y, size, font, color: rgb(0.1, 0.1, 0.1) });
    }
  }
  return doc.save({ useObjectStreams: false });
}

async function main(): Promise<void> {
  for (const [slug, lines] of Object.entries(PDF_SOURCES)) {
    const out = new URL(`./${slug}/persona/linkedin.pdf`, import.meta.url);
    await writeFile(out, await makePdf(lines));
    console.log(`wrote ${fileURLToPath(out)}`);
  }
}

if (process.argv[1] && fileURLToPath(import.meta.url) === process.argv[1]) {
  await main();
}
