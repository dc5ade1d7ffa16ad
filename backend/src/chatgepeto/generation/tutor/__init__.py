"""Tutor modes (issue 19): `direto` answers, `tutor` climbs a hint ladder, `prova` only points.

Pure functions over the passages the chat already retrieved; the service stores the
conversation's hint level and calls `advance`, `build_lesson`, `reply_for` and `LeakGuard`.
"""
