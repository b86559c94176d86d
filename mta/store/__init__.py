"""The message store: SQLite (WAL, group commit) for records, files for message bodies."""

from mta.store.schema import SchemaTooNew
from mta.store.store import Prepared, Store, StoreError
from mta.store.types import (
    Account,
    Delivered,
    DeliveryMeta,
    Domain,
    LoginAccount,
    Mailbox,
    MessageSummary,
    Resolution,
    Target,
)

__all__ = [
    "Account",
    "Delivered",
    "DeliveryMeta",
    "Domain",
    "LoginAccount",
    "Mailbox",
    "MessageSummary",
    "Prepared",
    "Resolution",
    "SchemaTooNew",
    "Store",
    "StoreError",
    "Target",
]
