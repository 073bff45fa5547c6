// After signing in at the court's provider: move on to the board in a navigation of our
// own, so the SameSite=Strict session cookie goes with it.
const go = document.getElementById('go');
if (go instanceof HTMLAnchorElement) location.replace(go.href);
