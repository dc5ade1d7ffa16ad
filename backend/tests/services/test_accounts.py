"""Teacher accounts on both databases (issue 16): invitation and reset links, argon2
passwords, sign-in that tells neither which accounts exist nor lets a password be guessed."""

from __future__ import annotations

from datetime import UTC, datetime, timedelta

import pytest
from argon2 import PasswordHasher

from chatgepeto.errors import AppError
from chatgepeto.services.accounts import Accounts, token_hash
from chatgepeto.services.container import Services
from chatgepeto.services.sign_in_throttle import SignInThrottle, TooManyAttempts

PASSWORD = "fotossintese-2026"
# Cheap parameters: the tests verify many times; the product keeps argon2's defaults.
FAST = {"time_cost": 1, "memory_cost": 8, "parallelism": 1}


class RecordingHasher(PasswordHasher):
    """argon2's own hasher, noting which hash each verification ran against."""

    def __init__(self) -> None:
        super().__init__(**FAST)
        self.verified: list[str] = []

    def verify(self, hash: str | bytes, password: str | bytes) -> bool:
        self.verified.append(hash if isinstance(hash, str) else hash.decode())
        return super().verify(hash, password)


class Clock:
    def __init__(self) -> None:
        self.now = datetime(2026, 12, 3, 12, tzinfo=UTC)

    def __call__(self) -> datetime:
        return self.now


@pytest.fixture
def clock() -> Clock:
    return Clock()


@pytest.fixture
def hasher() -> RecordingHasher:
    return RecordingHasher()


@pytest.fixture
def accounts(services: Services, hasher: RecordingHasher, clock: Clock) -> Accounts:
    return Accounts(services.store.teachers, SignInThrottle(), hasher, clock)


def test_an_invited_teacher_sets_a_password_once_and_signs_in(
    accounts: Accounts, services: Services
) -> None:
    invitation = accounts.invite("  Ana.Souza@Escola.edu.BR ", "Ana Souza")
    stored = services.store.teachers.get_teacher(invitation.teacher.id)
    assert stored is not None and stored.email == "ana.souza@escola.edu.br"
    assert stored.password_hash is None  # nobody can sign in before the link is used
    assert services.store.teachers.teacher_by_invite(invitation.token) is None  # hash only
    assert services.store.teachers.teacher_by_invite(token_hash(invitation.token)) is not None
    teacher = accounts.accept(invitation.token, PASSWORD)
    assert teacher.password_hash and teacher.password_hash.startswith("$argon2id$")
    assert PASSWORD not in teacher.password_hash
    assert accounts.sign_in("ana.souza@escola.edu.br", PASSWORD, "10.0.0.1").id == teacher.id
    with pytest.raises(AppError) as used:
        accounts.accept(invitation.token, "outra-senha-longa")
    assert used.value.code == "not_found:invite" and used.value.status == 404


def test_a_link_expires_and_a_reset_replaces_the_previous_one(
    accounts: Accounts, clock: Clock
) -> None:
    first = accounts.invite("bia@escola.edu.br", "Bia")
    clock.now += timedelta(days=8)
    with pytest.raises(AppError) as expired:
        accounts.accept(first.token, PASSWORD)
    assert expired.value.code == "not_found:invite"
    second = accounts.reset("BIA@escola.edu.br")
    third = accounts.reset("bia@escola.edu.br")
    with pytest.raises(AppError):
        accounts.accept(second.token, PASSWORD)
    accounts.accept(third.token, PASSWORD)
    assert accounts.sign_in("bia@escola.edu.br", PASSWORD, "10.0.0.1").email == "bia@escola.edu.br"


def test_bad_input_gets_clear_errors_and_stores_nothing(
    accounts: Accounts, services: Services
) -> None:
    with pytest.raises(AppError) as bad_email:
        accounts.invite("sem-arroba", "X")
    assert bad_email.value.code == "bad_request:email" and bad_email.value.status == 400
    invitation = accounts.invite("caio@escola.edu.br", "Caio")
    with pytest.raises(AppError) as taken:
        accounts.invite("Caio@Escola.edu.br", "Outro")
    assert taken.value.code == "conflict:teacher" and taken.value.status == 409
    with pytest.raises(AppError) as short:
        accounts.accept(invitation.token, "curta")
    assert short.value.code == "bad_request:password" and "10" in short.value.message
    stored = services.store.teachers.get_teacher(invitation.teacher.id)
    assert stored is not None and stored.password_hash is None
    accounts.accept(invitation.token, PASSWORD)  # the link survived the refused password
    with pytest.raises(AppError) as unknown:
        accounts.reset("ninguem@escola.edu.br")
    assert unknown.value.code == "not_found:teacher"


def test_an_unknown_account_runs_the_same_verification_against_a_dummy_hash(
    accounts: Accounts, hasher: RecordingHasher
) -> None:
    accounts.accept(accounts.invite("dora@escola.edu.br", "Dora").token, PASSWORD)
    answers = []
    for email, password in (("dora@escola.edu.br", "errada-errada"), ("nao@existe.br", PASSWORD)):
        hasher.verified.clear()
        with pytest.raises(AppError) as refused:
            accounts.sign_in(email, password, "10.0.0.2")
        assert len(hasher.verified) == 1  # one argon2 verification either way
        answers.append((refused.value.status, refused.value.code, refused.value.message))
        if email == "nao@existe.br":
            assert hasher.verified == [accounts.dummy_hash]
    assert answers[0] == answers[1] == (401, "unauthorized:sign_in", "E-mail ou senha incorretos.")
    # An invited teacher without a password yet is refused the same way, also verified.
    accounts.invite("eva@escola.edu.br", "Eva")
    hasher.verified.clear()
    with pytest.raises(AppError) as pending:
        accounts.sign_in("eva@escola.edu.br", "", "10.0.0.2")
    assert pending.value.code == "unauthorized:sign_in" and hasher.verified == [accounts.dummy_hash]


def test_wrong_passwords_are_limited_per_account_and_per_address(
    services: Services, hasher: RecordingHasher, clock: Clock
) -> None:
    throttle = SignInThrottle(per_account="3/15 minutes", per_address="5/15 minutes")
    accounts = Accounts(services.store.teachers, throttle, hasher, clock)
    accounts.accept(accounts.invite("fabi@escola.edu.br", "Fabi").token, PASSWORD)
    for address in ("10.0.0.1", "10.0.0.2", "10.0.0.3"):  # one account, many addresses
        with pytest.raises(AppError):
            accounts.sign_in("fabi@escola.edu.br", "chute-errado", address)
    with pytest.raises(TooManyAttempts) as locked:
        accounts.sign_in("fabi@escola.edu.br", PASSWORD, "10.0.0.9")  # even the right one
    assert locked.value.status == 429 and locked.value.retry_after_s > 0
    for n in range(5):  # one address, many accounts
        with pytest.raises(AppError) as refused:
            accounts.sign_in(f"conta{n}@escola.edu.br", "chute", "10.0.0.7")
        assert refused.value.status == 401
    with pytest.raises(TooManyAttempts):
        accounts.sign_in("outra@escola.edu.br", "chute", "10.0.0.7")
