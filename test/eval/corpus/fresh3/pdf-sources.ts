/**
 * The text of each fresh3 persona's linkedin.pdf (some facts appear ONLY in these PDFs). ASCII only
 * (Helvetica uses WinAnsi encoding). Render: npx tsx test/eval/corpus/tools/make-pdfs.ts fresh3
 * (the committed PDFs were made by the former fresh3/make-pdfs.ts; PDF_PRODUCER keeps them byte-identical).
 */
import type { Line } from '../../../../scripts/profile-pdf.js';

export const PDF_PRODUCER = 'digital-twin test/eval/corpus/fresh3/make-pdfs.ts';

export const PDF_SOURCES: Record<string, Line[]> = {
  'ximena-choque': [
    { text: 'Ximena Choque Huanca', style: 'title' },
    { text: 'Head of Electromechanical Maintenance at Teleferico Illimani' },
    { text: 'El Alto, Bolivia - ximena.choque@teleferico-illimani.example.bo' },
    { text: 'About', style: 'heading' },
    { text: 'Ropeway engineer keeping urban gondola lines running at over 4,000 metres.' },
    { text: 'Experience', style: 'heading' },
    {
      text: 'Head of Electromechanical Maintenance - Teleferico Illimani (March 2021 - present), El Alto',
      style: 'bold',
    },
    { text: '- Leads a team of 46 technicians on two lines.' },
    { text: '- Cut unplanned stops by 38 percent between 2021 and 2023 with a new grip inspection plan.' },
    { text: 'Maintenance Engineer - Teleferico Illimani (June 2016 - February 2021), El Alto', style: 'bold' },
    { text: 'Electrical Technician - Electrica Altiplano S.A. (2013 - 2016), El Alto', style: 'bold' },
    { text: '- Substation maintenance and medium-voltage line repairs.' },
    { text: 'Education', style: 'heading' },
    { text: 'Licenciatura en Ingenieria Electromecanica - UMSA, La Paz (2008 - 2013)', style: 'bold' },
    {
      text: 'Ropeway technician programme, six months - manufacturer training centre, Wolfurt, Austria (2017)',
      style: 'bold',
    },
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
    {
      text: 'Proprietor and Master Craftsman - Sri Ranga Mridanga Nilayam (June 1982 - present), Thanjavur',
      style: 'bold',
    },
    { text: '- Instruments made for students, teachers and performers in India, Singapore, Malaysia and Canada.' },
    {
      text: '- Live demonstration of mridangam making at the Crafts Council of Tamil Nadu exhibition, Chennai (2016).',
    },
    { text: 'Education', style: 'heading' },
    {
      text: 'Diploma in Mechanical Engineering - Government Polytechnic College, Tiruchirappalli (1974 - 1977)',
      style: 'bold',
    },
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
    {
      text: 'Avalanche forecasting course - WSL Institute for Snow and Avalanche Research SLF, Davos (2014)',
      style: 'bold',
    },
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
    {
      text: 'Founder and Principal Examiner - Petrauskas Document Laboratory (2015 - present), Vilnius',
      style: 'bold',
    },
    {
      text: 'Senior Expert, Document Examination - Forensic Science Centre of Lithuania (1997 - 2015), Vilnius',
      style: 'bold',
    },
    { text: '- Head of the handwriting section from 2008.' },
    {
      text: 'Part-time Lecturer in Forensic Science - Mykolas Romeris University (2016 - present), Vilnius',
      style: 'bold',
    },
    { text: 'Education', style: 'heading' },
    { text: 'Master of Laws - Vilnius University (1991 - 1996)', style: 'bold' },
    { text: 'Forensic handwriting examination training - Bundeskriminalamt, Wiesbaden, Germany (2003)', style: 'bold' },
    { text: 'Memberships', style: 'heading' },
    { text: 'ENFSI European Document Experts Working Group (2005 - 2015)' },
    { text: 'Languages', style: 'heading' },
    { text: 'Lithuanian (native), Russian (fluent), English (fluent), German (good), Polish (reading)' },
  ],
};
