/**
 * The text of each fresh5 persona's linkedin.pdf (some facts appear ONLY in these PDFs). ASCII only
 * (Helvetica uses WinAnsi encoding). Render: npx tsx test/eval/corpus/tools/make-pdfs.ts fresh5
 */
import type { Line } from '../../../../scripts/profile-pdf.js';

export const PDF_SOURCES: Record<string, Line[]> = {
  'lucia-ferreyra': [
    { text: 'Lucia Ferreyra', style: 'title' },
    { text: 'FIFA International Referee | AFA Liga Profesional' },
    { text: 'Rosario, Argentina - lu.ferreyra.arbitra@example.com.ar' },
    { text: 'About', style: 'heading' },
    { text: 'Football referee since 2011. Former centre-back, PE teacher, and tutor of young referees.' },
    { text: 'Experience', style: 'heading' },
    { text: 'Referee, Liga Profesional (men) - Argentine Football Association (2021 - present)', style: 'bold' },
    { text: '- 64 top-flight matches to date, including three Rosario derbies.' },
    { text: 'FIFA International Referee - FIFA list via AFA (January 2019 - present)', style: 'bold' },
    { text: 'Referee, women\'s league and Primera B - Argentine Football Association (2015 - 2020)', style: 'bold' },
    { text: 'Referee - Asociacion Rosarina de Futbol (2011 - 2015), Rosario', style: 'bold' },
    { text: '- Youth and amateur leagues, up to 4 matches a weekend.' },
    { text: 'Physical Education Teacher, part time - Escuela Normal 3 (2013 - 2018), Rosario', style: 'bold' },
    { text: 'Education', style: 'heading' },
    { text: 'Profesorado de Educacion Fisica - ISEF 11, Rosario (2009 - 2012)', style: 'bold' },
    { text: 'Referee course - Escuela de Arbitros de Rosario (2010)', style: 'bold' },
    { text: 'Elite referee programme - CONMEBOL Referee Academy, Luque, Paraguay (2022)', style: 'bold' },
    { text: 'Honours', style: 'heading' },
    { text: 'Referee of the Year, AFA women\'s football awards (2018)' },
  ],
  'callum-strachan': [
    { text: 'Callum Strachan', style: 'title' },
    { text: 'Head Cooper at Glen Auchrie Distillery' },
    { text: 'Dufftown, Moray, Scotland - callum.strachan.cooper@example.co.uk' },
    { text: 'Experience', style: 'heading' },
    { text: 'Head Cooper - Glen Auchrie Distillery (August 2008 - present), Dufftown', style: 'bold' },
    { text: '- Runs the distillery cooperage: some 4,000 casks repaired or rebuilt a year.' },
    { text: '- Team of three coopers and one apprentice.' },
    { text: 'Journeyman Cooper - Craigellachie Cask Works (1985 - 2008), Craigellachie', style: 'bold' },
    { text: 'Visiting Cooper - Toneleria Hermanos Ruiz, Jerez de la Frontera, Spain (1994)', style: 'bold' },
    { text: '- Six months making sherry butts in a family cooperage.' },
    { text: 'Apprentice Cooper - Craigellachie Cask Works (1981 - 1985), Craigellachie', style: 'bold' },
    { text: 'Education', style: 'heading' },
    { text: 'Keith Grammar School (1977 - 1981)', style: 'bold' },
    { text: 'SVQ Level 3, Coopering - Moray College, Elgin (1985)', style: 'bold' },
    { text: 'Honours', style: 'heading' },
    { text: 'Freedom of the Worshipful Company of Coopers, London (2016)' },
    { text: 'Volunteering', style: 'heading' },
    { text: 'Lead side drummer, Dufftown and District Pipe Band (1990 - present)' },
  ],
};
