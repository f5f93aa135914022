// The floor of popup.first-render (tests/bench/popup.ts): an extension page that paints one line
// from a script and does nothing else, opened the same way. What the popup takes beyond this is
// Tandem's own (its scripts, the database, the view); this much is the browser and the machine.
const line = document.createElement('p');
line.setAttribute('elementtiming', 'review');
line.textContent = 'Tandem';
document.getElementById('app')?.append(line);
