// "Copy citation": offered only where the browser can write to the clipboard. Without
// JavaScript the citation is still there to select and copy by hand.
const blocks = document.querySelectorAll('[data-module="app-copy-citation"]')

for (const block of blocks) {
  const source = document.getElementById(block.dataset.copyFrom)
  const button = block.querySelector('button')
  const status = block.querySelector('[role="status"]')
  if (source && button && status && navigator.clipboard) {
    button.hidden = false
    button.addEventListener('click', async () => {
      try {
        await navigator.clipboard.writeText(source.textContent.replace(/\s+/g, ' ').trim())
        status.textContent = 'Citation copied.'
      } catch {
        status.textContent = 'Your browser did not allow copying. Select the citation and copy it.'
      }
    })
  }
}
