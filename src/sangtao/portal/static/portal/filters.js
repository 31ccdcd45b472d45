// The idea database's filters: folded on a phone (results first), open on a wider screen.
// Without JavaScript they stay folded behind their button, which opens them.
const wide = window.matchMedia("(min-width: 768px)");
document.querySelectorAll("details[data-open-wide]").forEach((details) => {
  if (wide.matches) details.open = true;
});
