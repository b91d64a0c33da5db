// Tabs (WAI-ARIA tabs pattern: click, arrow keys, Home and End) for the playground's sections. Another section
// can open one with selectSection(name); the section hears 'gbg:section' with {name} when it is shown.

let select = () => {};

export function selectSection(name) {
  select(name, false);
}

export function initSectionTabs() {
  const list = document.querySelector('.pg-tabs[role="tablist"]');
  if (!list) {
    return;
  }
  const tabs = Array.from(list.querySelectorAll('[role="tab"]'));
  select = (name, focus) => {
    const tab = tabs.find((candidate) => candidate.dataset.section === name);
    if (!tab) {
      return;
    }
    for (const other of tabs) {
      const selected = other === tab;
      other.setAttribute('aria-selected', String(selected));
      other.tabIndex = selected ? 0 : -1;
      document.getElementById(other.getAttribute('aria-controls')).hidden = !selected;
    }
    if (focus) {
      tab.focus();
    }
    document.dispatchEvent(new CustomEvent('gbg:section', { detail: { name } }));
  };
  tabs.forEach((tab, index) => {
    tab.addEventListener('click', () => select(tab.dataset.section, false));
    tab.addEventListener('keydown', (event) => {
      const moves = { ArrowRight: index + 1, ArrowLeft: index - 1 + tabs.length, Home: 0, End: tabs.length - 1 };
      if (event.key in moves) {
        event.preventDefault();
        select(tabs[moves[event.key] % tabs.length].dataset.section, true);
      }
    });
  });
}
