// The admin's autocomplete boxes (select2) name their combobox by the choice shown in it, so an
// empty box has no name at all. Name each one by its field's label, then its choice.
'use strict'
{
  const $ = django.jQuery

  const nameByLabel = (select) => {
    const label = select.id && document.querySelector(`label[for="${select.id}"]`)
    const container = select.nextElementSibling
    if (!label || !container || !container.classList.contains('select2')) return
    label.id = label.id || `${select.id}-label`
    for (const combobox of container.querySelectorAll('[role="combobox"]')) {
      const names = (combobox.getAttribute('aria-labelledby') || '').split(' ')
      if (!names.includes(label.id)) {
        combobox.setAttribute('aria-labelledby', [label.id, ...names].join(' ').trim())
      }
    }
    // Its read-only box showing the choice is named by the label alone.
    for (const shown of container.querySelectorAll('.select2-selection__rendered[role="textbox"]')) {
      shown.setAttribute('aria-labelledby', label.id)
    }
    // A multiple choice box types into a search field of its own.
    for (const search of container.querySelectorAll('input.select2-search__field')) {
      search.setAttribute('aria-labelledby', label.id)
    }
  }

  // After autocomplete.js has turned the selects into select2 boxes, since this file loads later.
  $(() => $('select.admin-autocomplete').not('[name*=__prefix__]').each((i, select) => nameByLabel(select)))
  document.addEventListener('formset:added', (event) => {
    $(event.target).find('select.admin-autocomplete').each((i, select) => nameByLabel(select))
  })
}
