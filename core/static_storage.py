"""The static files storage: every file, JavaScript modules' imports included, by hashed name."""

from whitenoise.storage import CompressedManifestStaticFilesStorage


class HashedStaticFilesStorage(CompressedManifestStaticFilesStorage):
    """WhiteNoise's compressed, hashed storage, rewriting JavaScript module imports as well.

    Without the rewriting, a module imported by another (`init.js` imports GOV.UK Frontend) would
    be fetched by its plain name, which WhiteNoise caches for a minute instead of for good. The
    rewriting recognises only statements that end with a semicolon.
    """

    support_js_module_import_aggregation = True
