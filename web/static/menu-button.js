/**
 * A menu button (WAI-ARIA APG pattern): Enter, Space or ArrowDown opens the menu on its
 * first item, ArrowUp on its last; arrows move, Home/End jump, Escape closes and returns
 * focus to the button, Tab or a click elsewhere closes it. Disabled items are skipped.
 */
export function menuButton(button, menu) {
  const items = () =>
    [...menu.querySelectorAll('[role="menuitem"]')].filter((item) => item.getAttribute('aria-disabled') !== 'true');

  const close = (focusButton) => {
    if (menu.hidden) return;
    menu.hidden = true;
    button.setAttribute('aria-expanded', 'false');
    if (focusButton) button.focus();
  };
  const open = (which) => {
    menu.hidden = false;
    button.setAttribute('aria-expanded', 'true');
    const list = items();
    (which === 'last' ? list.at(-1) : list[0])?.focus();
  };

  button.setAttribute('aria-haspopup', 'menu');
  button.setAttribute('aria-expanded', 'false');
  button.addEventListener('click', () => (menu.hidden ? open('first') : close(false)));
  button.addEventListener('keydown', (event) => {
    if (event.key === 'ArrowDown' || event.key === 'ArrowUp') {
      event.preventDefault();
      open(event.key === 'ArrowUp' ? 'last' : 'first');
    }
  });
  menu.addEventListener('keydown', (event) => {
    const list = items();
    const at = list.indexOf(document.activeElement);
    const move = { ArrowDown: at + 1, ArrowUp: at - 1, Home: 0, End: list.length - 1 }[event.key];
    if (move !== undefined) {
      event.preventDefault();
      list[(move + list.length) % list.length]?.focus();
    } else if (event.key === 'Escape') {
      event.preventDefault();
      close(true);
    } else if (event.key === 'Tab') {
      close(false);
    }
  });
  // An item that does its job closes the menu.
  menu.addEventListener('click', (event) => {
    const item = event.target.closest('[role="menuitem"]');
    if (item && item.getAttribute('aria-disabled') === 'true') event.preventDefault();
    else if (item) close(false);
  });
  document.addEventListener('pointerdown', (event) => {
    if (!menu.contains(event.target) && !button.contains(event.target)) close(false);
  });
  return { close };
}
