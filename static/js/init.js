// Starts the GOV.UK Frontend components on the page (service navigation menu,
// error summary focus, notification banners, skip link and so on).
// Loaded as a module, so browsers too old to run GOV.UK Frontend skip it and
// the pages work without JavaScript.
// Ending the next line with a semicolon lets collectstatic point it at the
// hashed file (core/static_storage.py).
import { initAll } from './govuk-frontend.min.js';

initAll()
