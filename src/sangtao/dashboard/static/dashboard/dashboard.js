/* The dashboard's charts, drawn with the vendored Chart.js from the figures each page embeds
   with json_script (no inline script: the Content-Security-Policy allows scripts from 'self'
   only). Each canvas names the id of its data: {type, labels, series: [{label, values}]}.
   The same numbers are in the table beside each chart. */
(function () {
  "use strict";
  var COLOURS = ["#0d6efd", "#198754", "#fd7e14", "#6f42c1", "#dc3545"];
  function draw() {
    if (typeof window.Chart === "undefined") {
      return;
    }
    var locale = document.documentElement.lang || "vi";
    document.querySelectorAll("canvas[data-chart]").forEach(function (canvas) {
      var source = document.getElementById(canvas.dataset.chart);
      if (!source) {
        return;
      }
      var data = JSON.parse(source.textContent);
      new window.Chart(canvas, {
        type: data.type,
        data: {
          labels: data.labels,
          datasets: data.series.map(function (series, index) {
            return {
              label: series.label,
              data: series.values,
              backgroundColor: COLOURS[index % COLOURS.length],
              borderColor: COLOURS[index % COLOURS.length],
            };
          }),
        },
        options: {
          responsive: true,
          maintainAspectRatio: false,
          animation: false,
          locale: locale,
          indexAxis: data.type === "bar" && data.labels.length > 6 ? "y" : "x",
          plugins: { legend: { display: data.series.length > 1 } },
        },
      });
    });
  }
  if (document.readyState === "loading") {
    document.addEventListener("DOMContentLoaded", draw);
  } else {
    draw();
  }
})();
