"""Alembic environment: runs online against the engine the store hands over."""

from __future__ import annotations

from alembic import context

from chatgepeto.storage.schema import metadata

engine = context.config.attributes["engine"]
with engine.begin() as connection:
    context.configure(connection=connection, target_metadata=metadata, render_as_batch=True)
    context.run_migrations()
