"""The REST API: the store and the pipeline over HTTP (`tacitus serve`)."""

from tacitus.api.app import TOKEN_ENV_VAR, create_app

__all__ = ["TOKEN_ENV_VAR", "create_app"]
