// Chart.js charts for the stats pages; one chart per canvas, replaced when the data changes.
const charts = new WeakMap();

export function draw(canvas, kind, label, labels, values) {
  charts.get(canvas)?.destroy();
  const style = getComputedStyle(document.documentElement);
  const accent = style.getPropertyValue('--accent').trim() || '#1db37a';
  const text = style.getPropertyValue('--text').trim() || '#e8e8ea';
  charts.set(canvas, new Chart(canvas, {
    type: kind,
    data: { labels, datasets: [{ label, data: values, backgroundColor: accent, borderColor: accent, tension: 0.3 }] },
    options: {
      animation: false,
      responsive: true,
      maintainAspectRatio: false,
      plugins: { legend: { labels: { color: text } } },
      scales: { x: { ticks: { color: text } }, y: { beginAtZero: true, ticks: { color: text } } },
      indexAxis: kind === 'bar' && labels.length > 0 && labels[0].length > 12 ? 'y' : 'x',
    },
  }));
}
