// The header and the message box stay on screen (sticky), so they would cover whatever is
// scrolled to the very top or bottom. Their heights become the page's scroll padding, which
// scrollIntoView honours: the newest message and any error land fully in view, between them.
export function keepInView(composer, header) {
  const root = document.documentElement;
  const update = () => {
    root.style.setProperty('--composer-space', `${Math.ceil(composer.getBoundingClientRect().height)}px`);
    root.style.setProperty('--header-space', `${Math.ceil(header.getBoundingClientRect().height)}px`);
  };
  new ResizeObserver(update).observe(composer);
  new ResizeObserver(update).observe(header);
  update();
}

const reducedMotion = window.matchMedia('(prefers-reduced-motion: reduce)');

/** Scrolls so `element`'s end shows just above the message box. */
export function scrollIntoViewAbove(element) {
  element.scrollIntoView({ block: 'end', behavior: reducedMotion.matches ? 'auto' : 'smooth' });
}
