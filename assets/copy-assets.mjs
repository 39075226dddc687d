// Copies the GOV.UK Frontend script and the few assets Candour uses into static/build.
import { cpSync, mkdirSync, writeFileSync } from "node:fs";

const from = "node_modules/govuk-frontend/dist/govuk";
const to = "candour/static/build";
mkdirSync(`${to}/govuk/assets/images`, { recursive: true });
cpSync(`${from}/govuk-frontend.min.js`, `${to}/govuk-frontend.min.js`);
cpSync(`${from}/assets/manifest.json`, `${to}/govuk/assets/manifest.json`);
// The footer's CSS names the crown's crest image. Candour is not a GOV.UK service and
// never shows it, but the hashed-static build needs every referenced file to exist, so
// an empty image stands in for it.
writeFileSync(
  `${to}/govuk/assets/images/govuk-crest.svg`,
  '<svg xmlns="http://www.w3.org/2000/svg" width="1" height="1"/>\n',
);
