"""Secrets the service generates once, and LLM tokens counted per account and day."""

from __future__ import annotations

from sqlalchemy import Engine, Table, delete, select
from sqlalchemy.dialects import postgresql, sqlite

from chatgepeto.storage import schema as s


class SqlLedger:
    """`ensure_secret` and `add_tokens` over SQLAlchemy Core, for SQLite and PostgreSQL."""

    def __init__(self, engine: Engine) -> None:
        self.engine = engine

    def _insert(self, table: Table) -> sqlite.Insert | postgresql.Insert:
        if self.engine.dialect.name == "postgresql":
            return postgresql.insert(table)
        return sqlite.insert(table)

    def ensure_secret(self, name: str, candidate: str) -> str:
        """The stored secret `name`; `candidate` becomes it when there is none yet (the first
        of several racing processes wins, every one reads the same value)."""
        with self.engine.begin() as conn:
            conn.execute(
                self._insert(s.service_secrets)
                .values(name=name, value=candidate)
                .on_conflict_do_nothing(index_elements=["name"])
            )
            value = conn.execute(
                select(s.service_secrets.c.value).where(s.service_secrets.c.name == name)
            ).scalar_one()
        return str(value)

    def add_tokens(self, day: str, amounts: dict[str, int]) -> dict[str, int]:
        """Add `amounts` (negative gives back) to each account's `day` in one transaction;
        returns every account's new total for that day."""
        totals: dict[str, int] = {}
        with self.engine.begin() as conn:
            for account, amount in sorted(amounts.items()):  # one lock order: no deadlock
                statement = self._insert(s.token_usage).values(
                    account=account, day=day, tokens=amount
                )
                upsert = statement.on_conflict_do_update(
                    index_elements=["account", "day"],
                    set_={"tokens": s.token_usage.c.tokens + statement.excluded.tokens},
                ).returning(s.token_usage.c.tokens)
                totals[account] = int(conn.execute(upsert).scalar_one())
        return totals

    def forget_token_usage(self, before_day: str) -> None:
        """Drop the counts of days before `before_day` (ISO dates sort as text)."""
        with self.engine.begin() as conn:
            conn.execute(delete(s.token_usage).where(s.token_usage.c.day < before_day))
