// Copies the GOV.UK Frontend script and the few assets Candour uses into static/build.
import { cpSync, mkdirSync } from "node:fs";

const from = "node_modules/govuk-frontend/dist/govuk";
const to = "candour/static/build";
mkdirSync(`${to}/govuk/assets/images`, { recursive: true });
cpSync(`${from}/govuk-frontend.min.js`, `${to}/govuk-frontend.min.js`);
cpSync(`${from}/assets/manifest.json`, `${to}/govuk/assets/manifest.json`);
