// Loaded first by the Firefox variants of the strict-CSP pages (WebDriver has no init
// scripts): records every Content-Security-Policy violation into window.__violations.
if (!window.__violations) {
  window.__violations = [];
  document.addEventListener('securitypolicyviolation', (e) => {
    window.__violations.push({ directive: e.violatedDirective, blocked: e.blockedURI, sample: e.sample });
  });
}
