// The survey link page (/encuesta/{token}) works without script; this only keeps the comment's label in step with
// the first answer ("No" makes the comment the novedad, and required), as the portal's interactive form does.
// Loaded as a module from this site (CSP script-src 'self').

const form = document.querySelector('.survey-link-form form');
const label = form && form.querySelector('label[data-novedad-label]');
const comment = label && document.getElementById(label.htmlFor);
const first = form && form.querySelector('fieldset.survey-question');

function update() {
  const chosen = first.querySelector('input[type=radio]:checked');
  const novedad = !!chosen && chosen.value.toLowerCase() === 'false';
  label.textContent = novedad ? label.dataset.novedadLabel : label.dataset.commentLabel;
  comment.setAttribute('aria-required', novedad ? 'true' : 'false');
}

if (form && label && comment && first) {
  first.addEventListener('change', update);
  update();
}
