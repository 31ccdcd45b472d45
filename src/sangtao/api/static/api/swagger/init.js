/* Swagger UI for /api/docs, from the site's own files (no inline script under the CSP). */
window.addEventListener("DOMContentLoaded", function () {
  var holder = document.getElementById("swagger-ui");
  SwaggerUIBundle({
    url: holder.dataset.openapiUrl,
    dom_id: "#swagger-ui",
    deepLinking: true,
    presets: [SwaggerUIBundle.presets.apis],
    layout: "BaseLayout",
  });
});
