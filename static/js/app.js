// Co-op Commissioning: the one JavaScript entry point, loaded by the base template as
//   <script type="module" src="{% static 'js/app.js' %}"></script>
// It starts every GOV.UK Frontend component on the page (accordions, character
// counts, error summaries, header menu and so on). See docs/frontend.md.
//
// The import is relative to this file so it works under any STATIC_URL. GOV.UK
// Frontend only initialises when <body> has the `govuk-frontend-supported` class
// set by the inline snippet at the top of <body>.
import { initAll } from '../vendor/govuk-frontend/govuk-frontend.min.js';

initAll();
