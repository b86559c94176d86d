"""Delivery status notifications (RFC 3464): the ones we compose, and reading the ones we get."""

from mta.dsn.compose import RecipientStatus, compose_dsn
from mta.dsn.parse import RecipientReport, Report, parse_report

__all__ = ["RecipientReport", "RecipientStatus", "Report", "compose_dsn", "parse_report"]
