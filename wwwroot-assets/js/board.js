// The board's drag and drop help in the browser: a drag payload for Firefox and the drop-zone highlight. The live
// changes do not come through here: the board's circuit gets them on the server (decision 0020).
// Loaded as a module by BoardPage: no inline script (CSP script-src 'self').

function dragHandlers(root) {
  if (!root || !root.addEventListener) {
    return () => {};
  }
  const clear = () => root.querySelectorAll('.drop-target').forEach(zone => zone.classList.remove('drop-target'));
  const handlers = {
    dragstart: e => {
      const card = e.target.closest && e.target.closest('[data-numero]');
      if (card && e.dataTransfer) {
        e.dataTransfer.setData('text/plain', card.dataset.numero);
        e.dataTransfer.effectAllowed = 'move';
        card.classList.add('dragging');
      }
    },
    dragend: e => {
      const card = e.target.closest && e.target.closest('[data-numero]');
      if (card) {
        card.classList.remove('dragging');
      }
      clear();
    },
    dragenter: e => {
      const zone = e.target.closest && e.target.closest('[data-drop]');
      if (zone) {
        zone.classList.add('drop-target');
      }
    },
    dragleave: e => {
      const zone = e.target.closest && e.target.closest('[data-drop]');
      if (zone && !zone.contains(e.relatedTarget)) {
        zone.classList.remove('drop-target');
      }
    },
    drop: clear,
  };
  for (const [name, handler] of Object.entries(handlers)) {
    root.addEventListener(name, handler);
  }
  return () => {
    for (const [name, handler] of Object.entries(handlers)) {
      root.removeEventListener(name, handler);
    }
  };
}

/**
 * Starts the drag and drop help on the board's element. Returns a handle whose stop() removes it.
 * @param {HTMLElement} root The board's element.
 */
export function enableDrag(root) {
  const stop = dragHandlers(root);
  return { stop: () => stop() };
}
