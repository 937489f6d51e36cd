"""`rancang serve`: the bureau's web page over a workspace (app.py, the pages in
routes.py, regency_pages.py and document_pages.py, templates/ and static/).

Page texts are English message ids in `_()` (templates included) like the rest of
rancang; messages-id.tsv holds their Indonesian for tools/i18n.py's `fill`."""
