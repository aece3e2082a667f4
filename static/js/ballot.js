// Budget ballots: show the running total as the voter ticks boxes. Without JavaScript the
// "Check my total" button asks the server, which says the same thing; this only saves a round trip.
// The sentences come from the page (data attributes), already translated by Django.
const form = document.querySelector('form[data-ballot-type="knapsack"]');
if (form) {
  const budget = Number(form.dataset.budget);
  const box = document.getElementById('running-total');
  const money = (n) => '£' + Math.abs(n).toLocaleString('en-GB');
  const update = () => {
    let total = 0;
    form.querySelectorAll('input[name="priority"]:checked').forEach((input) => {
      total += Number(input.dataset.cost);
    });
    const left = budget - total;
    const sentence = (left < 0 ? box.dataset.over : box.dataset.within)
      .replace('{total}', money(total))
      .replace('{budget}', money(budget))
      .replace('{amount}', money(left));
    box.replaceChildren(Object.assign(document.createElement('p'), { className: 'govuk-body', textContent: sentence }));
  };
  form.addEventListener('change', update);
  update();
}
