"""Delivery status notifications (RFC 3464): the ones we compose; parsing comes with bounce matching."""

from mta.dsn.compose import RecipientStatus, compose_dsn

__all__ = ["RecipientStatus", "compose_dsn"]
