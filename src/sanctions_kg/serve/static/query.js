// The query page: YASGUI on this server's /sparql, the project's prefixes declared, and the
// competency questions cq1-cq9 as one-click examples. Loaded from this origin (CSP script-src 'self').
(function () {
  "use strict";
  var config = JSON.parse(document.getElementById("skg-config").textContent);
  var endpoint = new URL(config.endpoint, window.location.href).href;
  var yasgui = new Yasgui(document.getElementById("yasgui"), {
    requestConfig: { endpoint: endpoint, method: "POST" },
    copyEndpointOnNewTab: true,
    endpointCatalogueOptions: { getData: function () { return [{ endpoint: endpoint }]; }, keys: [] },
    persistenceId: "sanctions-kg",
    populateFromUrl: false,
    yasqe: { value: config.initial, resizeable: true, editorHeight: "260px" }
  });
  var tab = yasgui.getTab();
  tab.setEndpoint(endpoint);
  tab.getYasqe().addPrefixes(config.prefixes);
  document.querySelectorAll("button.example").forEach(function (button) {
    button.addEventListener("click", function () {
      var example = config.examples[Number(button.dataset.example)];
      var current = yasgui.getTab();
      current.setEndpoint(endpoint);
      current.setQuery(example.sparql);
      current.setName(example.name);
      current.query();
    });
  });
})();
