// Loaded as a module, so it runs only in browsers the design system supports; pages
// work fully without it.
import { initAll } from "../build/govuk-frontend.min.js";

document.body.classList.add("js-enabled", "govuk-frontend-supported");
initAll();

// Conditional reveals (a box shown under the radio that needs it). The design system's own
// sets aria-expanded on the radio, which ARIA does not allow on radios (axe: critical), so
// the radio names what it reveals in data-candour-reveals and only visibility changes.
for (const group of document.querySelectorAll("[data-candour-reveal-group]")) {
  const radios = group.querySelectorAll("input[type=radio]");
  const sync = () => {
    for (const radio of radios) {
      const target = radio.dataset.candourReveals && document.getElementById(radio.dataset.candourReveals);
      if (target) target.classList.toggle("govuk-radios__conditional--hidden", !radio.checked);
    }
  };
  for (const radio of radios) radio.addEventListener("change", sync);
  sync();
}
