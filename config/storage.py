from whitenoise.storage import CompressedManifestStaticFilesStorage


class StaticFilesStorage(CompressedManifestStaticFilesStorage):
    """Whitenoise's hashed, compressed storage, also rewriting `import` lines in JS modules.

    static/js/app.js imports GOV.UK Frontend; without this the imported file keeps its plain name
    and is cached for seconds rather than forever.
    """

    support_js_module_import_aggregation = True
