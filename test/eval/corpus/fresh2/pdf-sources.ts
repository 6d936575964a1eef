/**
 * The text of each fresh2 persona's linkedin.pdf (some facts appear ONLY in these PDFs). ASCII only
 * (Helvetica uses WinAnsi encoding). Render: npx tsx test/eval/corpus/tools/make-pdfs.ts fresh2
 * (the committed PDFs were made by the former fresh2/make-pdfs.ts; PDF_PRODUCER keeps them byte-identical).
 */
import type { Line } from '../../../../scripts/profile-pdf.js';

export const PDF_PRODUCER = 'digital-twin test/eval/corpus/fresh2/make-pdfs.ts';

export const PDF_SOURCES: Record<string, Line[]> = {
  'ondrej-machacek': [
    { text: 'Ondrej Machacek', style: 'title' },
    { text: 'Master Clockmaker and Owner at Machacek & syn (tower clocks)' },
    { text: 'Olomouc, Czech Republic - machacek@vezni-hodiny.example.cz' },
    { text: 'About', style: 'heading' },
    {
      text: 'Restorer of mechanical tower clocks and astronomical movements in Moravia and Silesia. Third generation of a clockmaking family.',
    },
    { text: 'Experience', style: 'heading' },
    { text: 'Owner and Master Clockmaker - Machacek & syn (January 2004 - present), Olomouc', style: 'bold' },
    { text: '- Restored or surveyed more than 140 tower clocks in Moravia and Silesia.' },
    { text: '- Prepared restoration documentation for regional heritage offices.' },
    { text: 'Clock Technician - Chronotechna, Sternberk (September 1994 - December 2003)', style: 'bold' },
    {
      text: '- Assembly and repair of railway and industrial master clocks; head of the repair section from 1999.',
    },
    { text: 'Apprentice Clockmaker - Chronotechna, Sternberk (September 1991 - August 1994)', style: 'bold' },
    { text: 'Education', style: 'heading' },
    {
      text: 'Master Craftsman Certificate (Meisterbrief) in Clock and Watchmaking - Chamber of Crafts, Dresden, Germany (2002)',
      style: 'bold',
    },
    { text: 'Secondary Vocational School of Precision Mechanics, Sternberk (1987 - 1991)', style: 'bold' },
    { text: 'Honours', style: 'heading' },
    { text: 'Patrimonium pro futuro award, Restoration category, for the Litovel Town Hall clock (2018)' },
    { text: 'Volunteering', style: 'heading' },
    { text: 'Treasurer, Moravian Horological Society (2015 - present)' },
  ],
  'signe-haugland': [
    { text: 'Signe Haugland', style: 'title' },
    { text: 'Saturation Diver at Nordkapp Subsea AS' },
    { text: 'Haugesund, Norway - signe.haugland@example.no' },
    { text: 'Experience', style: 'heading' },
    { text: 'Saturation Diver - Nordkapp Subsea AS (March 2016 - present), Haugesund', style: 'bold' },
    { text: '- Saturation campaigns on North Sea pipelines and subsea structures.' },
    { text: '- Elected team safety representative for the diving crew since 2020.' },
    { text: 'Inshore Construction Diver - Vestkyst Dykk AS (2010 - 2015), Bergen and Haugesund', style: 'bold' },
    { text: '- Harbour works, bridge piles and fish farm moorings. Dive team leader from 2013.' },
    { text: 'Mine Clearance Diver (conscript) - Royal Norwegian Navy, Haakonsvern (2008 - 2009)', style: 'bold' },
    { text: 'Deckhand - fishing vessel Havbraut, Karmoy (2005 - 2007)', style: 'bold' },
    { text: 'Education', style: 'heading' },
    { text: 'Saturation diver course - Bergen Commercial Diving School (2015)', style: 'bold' },
    { text: 'Surface-supplied diver course - Bergen Commercial Diving School (2009)', style: 'bold' },
    { text: 'Vocational certificate, Fishing and Catch - Karmoy upper secondary school (2002 - 2005)', style: 'bold' },
  ],
  'chebet-langat': [
    { text: 'Chebet Langat', style: 'title' },
    { text: 'Factory Manager and Chief Tea Taster at Kipsigis Highlands Tea Factory' },
    { text: 'Kericho County, Kenya - chebet.langat@example.co.ke' },
    { text: 'Experience', style: 'heading' },
    {
      text: 'Factory Manager and Chief Tea Taster - Kipsigis Highlands Tea Factory (July 2019 - present)',
      style: 'bold',
    },
    {
      text: '- Replaced the firewood boilers with a macadamia-shell biomass boiler, cutting fuel costs by 31 percent.',
    },
    { text: '- Launched the orthodox and purple tea line in 2020.' },
    { text: 'Assistant Factory Manager - Tinderet Tea Factory, Nandi County (2014 - 2019)', style: 'bold' },
    { text: 'Trainee Tea Taster - Coast Tea Brokers Ltd, Mombasa (2010 - 2013)', style: 'bold' },
    { text: '- Tasted and valued teas for the weekly Mombasa auction catalogue.' },
    { text: 'Education', style: 'heading' },
    { text: 'MBA, Strategic Management - Egerton University (2016 - 2018)', style: 'bold' },
    {
      text: 'BSc Food Science and Technology - Jomo Kenyatta University of Agriculture and Technology (JKUAT) (2005 - 2009)',
      style: 'bold',
    },
    { text: 'Honours', style: 'heading' },
    { text: 'Best Orthodox Tea, Kenya Specialty Tea Awards 2022 (for our purple orthodox tea)' },
    { text: 'Volunteering', style: 'heading' },
    { text: 'Board member, Kenya Women in Tea Network (2021 - present)' },
  ],
  'mitsuko-arakawa': [
    { text: 'Mitsuko Arakawa', style: 'title' },
    { text: 'Head Funeral Director at Arakawa Sogi' },
    { text: 'Ishinomaki, Miyagi, Japan - mitsuko@arakawa-sogi.example.jp' },
    { text: 'Experience', style: 'heading' },
    { text: 'Head Funeral Director - Arakawa Sogi (April 2019 - present), Ishinomaki', style: 'bold' },
    { text: '- Took over the management of the family funeral home from my father.' },
    { text: 'Funeral Director and Encoffiner - Arakawa Sogi (2008 - 2019), Ishinomaki', style: 'bold' },
    { text: 'Banquet Coordinator - Hotel Aoba Grand, Sendai (2002 - 2007)', style: 'bold' },
    { text: '- Coordinated up to 12 wedding receptions a weekend.' },
    { text: 'Education', style: 'heading' },
    { text: 'Embalming Certificate - Tokyo Funeral Science Institute (2015)', style: 'bold' },
    { text: 'Diploma in English Communication - Hirose River Junior College, Sendai (2000 - 2002)', style: 'bold' },
    { text: 'Volunteering', style: 'heading' },
    { text: 'Volunteer host, Hidamari grief cafe, Ishinomaki (2013 - present)' },
  ],
};
