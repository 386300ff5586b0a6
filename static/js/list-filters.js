// The evidence store's list page: on a small screen the filters fold away behind
// "Show filters", so the results come first; and the compare bar counts the
// interventions ticked. Without JavaScript the filters are always shown and the
// compare bar is a plain submit button.

const smallScreen = window.matchMedia('(max-width: 40.0525em)')

function initFilterToggle (toggle) {
  const panel = document.getElementById(toggle.getAttribute('aria-controls'))
  if (!panel) return
  const setOpen = (open) => {
    panel.classList.toggle('app-filter-panel--open', open)
    toggle.setAttribute('aria-expanded', String(open))
    toggle.textContent = open ? 'Hide filters' : 'Show filters'
  }
  // Open where a filter has an error, so the error summary's link leads somewhere visible.
  setOpen(panel.querySelector('.govuk-form-group--error') !== null)
  toggle.addEventListener('click', () => {
    const open = toggle.getAttribute('aria-expanded') !== 'true'
    setOpen(open)
    if (open && smallScreen.matches) panel.querySelector('h2')?.scrollIntoView({ block: 'nearest' })
  })
}

function initCompareBar (form) {
  const status = form.querySelector('[data-compare-count]')
  const min = Number(form.dataset.compareMin || 2)
  const max = Number(form.dataset.compareMax || 4)
  if (!status) return
  const update = () => {
    const count = form.querySelectorAll('input[name="i"]:checked').length
    let text = `${count} intervention${count === 1 ? '' : 's'} selected`
    if (count < min) text += ` (choose ${min} to ${max})`
    if (count > max) text += ` (choose no more than ${max})`
    status.textContent = text
  }
  update()
  form.addEventListener('change', update)
  // Ticks that the browser restores on going back are only there after the page shows.
  window.addEventListener('pageshow', update)
}

document.querySelectorAll('.app-filter-toggle[aria-controls]').forEach(initFilterToggle)
document.querySelectorAll('form[data-module="app-compare-bar"]').forEach(initCompareBar)
