// "Print this page" buttons: hidden in the HTML, since they need JavaScript, and shown here.
// Printing itself uses the print stylesheet; browsers without JavaScript print from their menu.
for (const button of document.querySelectorAll('[data-module="app-print-page"]')) {
  button.hidden = false
  button.addEventListener('click', () => window.print())
}
