// The playground's controls: each sets an attribute (or a custom property) on both widgets,
// and the snippet shows what a host page would write for the same result.

const form = document.getElementById('controls');
const widgets = [document.getElementById('seed'), document.getElementById('latest')];
const stages = [document.getElementById('stage'), document.getElementById('side-stage')];
const snippet = document.getElementById('snippet');
const ATTRIBUTES = ['theme', 'lang', 'date-format', 'time-zone', 'font'];
const DEFAULT_ACCENT = '#a4161a';

function apply() {
  const data = new FormData(form);
  for (const widget of widgets) {
    for (const name of ATTRIBUTES) {
      const value = data.get(name);
      if (value) widget.setAttribute(name, value);
      else widget.removeAttribute(name);
    }
  }
  // A right-to-left language lays the page region out right to left, as its page would.
  const rtl = data.get('lang') === 'ar';
  const accent = data.get('accent');
  for (const stage of stages) {
    if (rtl) stage.setAttribute('dir', 'rtl');
    else stage.removeAttribute('dir');
    if (accent && accent !== DEFAULT_ACCENT) stage.style.setProperty('--news-embed-accent-color', accent);
    else stage.style.removeProperty('--news-embed-accent-color');
  }
  snippet.textContent = describe(widgets[0], accent !== DEFAULT_ACCENT ? accent : null);
}

/** The host page's markup for the article widget as it is now. */
function describe(widget, accent) {
  const attributes = ['src', ...ATTRIBUTES]
    .filter((name) => widget.hasAttribute(name))
    .map((name) => ` ${name}="${widget.getAttribute(name)}"`)
    .join('');
  const style = accent ? `<style>\n  news-article { --news-embed-accent-color: ${accent}; }\n</style>\n` : '';
  return `${style}<news-article${attributes}></news-article>`;
}

form.addEventListener('input', apply);
form.addEventListener('change', apply);
apply();
