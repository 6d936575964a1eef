const timeOfDay = new Intl.DateTimeFormat(undefined, { hour: '2-digit', minute: '2-digit' });
const dayAndTime = new Intl.DateTimeFormat(undefined, { dateStyle: 'medium', timeStyle: 'short' });
const full = new Intl.DateTimeFormat(undefined, { dateStyle: 'full', timeStyle: 'long' });

function sameDay(a, b) {
  return a.getFullYear() === b.getFullYear() && a.getMonth() === b.getMonth() && a.getDate() === b.getDate();
}

/** A <time> for a message: the time of day today, the date too otherwise; the full moment on hover. */
export function timeElement(iso) {
  const element = document.createElement('time');
  setTime(element, iso);
  return element;
}

export function setTime(element, iso) {
  const date = new Date(iso);
  if (Number.isNaN(date.getTime())) return;
  element.dateTime = date.toISOString();
  element.textContent = sameDay(date, new Date()) ? timeOfDay.format(date) : dayAndTime.format(date);
  element.title = full.format(date);
}
