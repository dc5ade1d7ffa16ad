"""`chatgepeto admin`: teacher accounts from the command line (there is no mail server)."""

from __future__ import annotations

import argparse
import sys

from chatgepeto.services.accounts import Invitation


def admin(args: argparse.Namespace) -> int:
    """create-teacher prints an invitation link; reset-password prints a new link, or with
    --password-stdin sets the password read from standard input."""
    from chatgepeto.services.container import Services
    from chatgepeto.settings import load_settings

    accounts = Services.from_settings(load_settings()).accounts
    if args.action == "create-teacher":
        _print_link(accounts.invite(args.email, args.name or ""), args.base_url)
    elif args.password_stdin:
        password = sys.stdin.readline().rstrip("\r\n")
        teacher = accounts.set_password(args.email, password)
        sys.stdout.write(f"senha de {teacher.email} alterada\n")
    else:
        _print_link(accounts.reset(args.email), args.base_url)
    return 0


def add_admin_parser(sub: argparse._SubParsersAction[argparse.ArgumentParser]) -> None:
    """The `admin` subcommand and its actions."""
    admin_parser = sub.add_parser("admin", help="teacher accounts: invite, reset a password")
    actions = admin_parser.add_subparsers(dest="action", required=True)
    create = actions.add_parser("create-teacher", help="invite a teacher: prints the link")
    create.add_argument("--email", required=True)
    create.add_argument("--name", default=None)
    reset = actions.add_parser("reset-password", help="a new password link (or set it)")
    reset.add_argument("--email", required=True)
    reset.add_argument(
        "--password-stdin", action="store_true", help="set the password read from stdin"
    )
    for action in (create, reset):
        action.add_argument(
            "--base-url", default="", help="the web app's address, e.g. https://escola.edu.br"
        )


def _print_link(invitation: Invitation, base_url: str) -> None:
    sys.stdout.write(
        f"{invitation.teacher.email}: {base_url.rstrip('/')}{invitation.path}\n"
        f"vale até {invitation.expires_at:%Y-%m-%d %H:%M} UTC\n"
    )
