// Loaded as a module, so it runs only in browsers the design system supports; pages
// work fully without it.
import { initAll } from "../build/govuk-frontend.min.js";

document.body.classList.add("js-enabled", "govuk-frontend-supported");
initAll();
