/**
 * The text of each fresh4 persona's linkedin.pdf (some facts appear ONLY in these PDFs). ASCII only
 * (Helvetica uses WinAnsi encoding). Render: npx tsx test/eval/corpus/tools/make-pdfs.ts fresh4
 */
import type { Line } from '../tools/pdf.js';

export const PDF_SOURCES: Record<string, Line[]> = {
  'bronwyn-kelly': [
    { text: 'Bronwyn Kelly', style: 'title' },
    { text: "Opal Miner and Owner, Kelly's Dugout Opals" },
    { text: 'Coober Pedy, South Australia - bron@kellysdugout.example.com.au' },
    { text: 'About', style: 'heading' },
    { text: 'Independent opal miner. Solid opal from my own claims, cut and sold in Coober Pedy.' },
    { text: 'Experience', style: 'heading' },
    { text: "Opal Miner and Owner - Kelly's Dugout Opals (March 2003 - present), Coober Pedy", style: 'bold' },
    { text: '- Claims on the Twelve Mile, Black Flag and Olympic fields.' },
    { text: '- Cuts and polishes about 400 stones a year for the shop.' },
    { text: 'Fitter and Turner - Roxby Downs copper and uranium mine (1996 - 2002), Roxby Downs', style: 'bold' },
    { text: '- Maintenance of underground loaders and crushers on a two weeks on, one week off roster.' },
    { text: 'Apprentice Fitter and Turner - Port Pirie lead smelter (1991 - 1995), Port Pirie', style: 'bold' },
    { text: 'Education', style: 'heading' },
    { text: 'Certificate III in Engineering (Fitter and Turner) - Spencer Institute of TAFE, Port Pirie (1991 - 1995)', style: 'bold' },
    { text: 'Gemmology Diploma - Gemmological Association of Australia, Adelaide (2012)', style: 'bold' },
    { text: 'Licenses', style: 'heading' },
    { text: 'Precious Stones Prospecting Permit, South Australia (since 2003)' },
    { text: 'Volunteering', style: 'heading' },
    { text: 'Firefighter, SA Country Fire Service (CFS), Coober Pedy brigade (2005 - present)' },
  ],
  'adaeze-okafor': [
    { text: 'Adaeze Chiamaka Okafor', style: 'title' },
    { text: 'Film and Series Editor | Features, Drama Series, Trailers' },
    { text: 'Lagos, Nigeria - ada.cuts@example.ng' },
    { text: 'Experience', style: 'heading' },
    { text: 'Freelance Film and Series Editor (January 2020 - present), Lagos', style: 'bold' },
    { text: '- Editor of Harmattan Wives, Eko Nights season 2 and The Last Danfo.' },
    { text: '- Cut 30+ trailers for Lagos production companies.' },
    { text: 'Assistant Editor - Kaduna Lane Studios (February 2018 - December 2019), Lagos', style: 'bold' },
    { text: '- Syncing, logging and first assemblies for two feature films and a soap opera.' },
    { text: 'Edit Trainee (NYSC service year) - NTA Enugu (2016 - 2017), Enugu', style: 'bold' },
    { text: '- Cut news packages and a weekly farming programme.' },
    { text: 'Education', style: 'heading' },
    { text: 'BA Theatre and Film Studies - University of Nigeria, Nsukka (2012 - 2016)', style: 'bold' },
    { text: 'Editing Studio - Berlinale Talents, Berlin, Germany (2021)', style: 'bold' },
    { text: 'Honours', style: 'heading' },
    { text: 'Best Editing, Africa Movie Academy Awards (AMAA), for The Last Danfo (2025)' },
    { text: 'Languages', style: 'heading' },
    { text: 'English, Igbo, Nigerian Pidgin, Yoruba (conversational)' },
  ],
};
