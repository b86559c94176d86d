"""The database schema and its migrations.

The schema version is SQLite's ``user_version``. Each entry of MIGRATIONS moves the
database one version up and runs in the same transaction as the version bump, so a
crash during a migration leaves the previous version intact. Never edit a migration
that has shipped; append a new one. A migration is SQL, or a function for one that
needs more than SQL (run in the same transaction).
"""

from __future__ import annotations

import sqlite3
import unicodedata
from collections.abc import Callable

from mta.smtp.address import AddressError, parse_address, quote_localpart

# Schema 10's matching rules, frozen here so that later changes to the live ones
# (mta/suppress.py, mta.store.suppressions.Matcher) cannot change what migrating an
# old database does. The next start recomputes nothing: the rules are the same then.
_PROVIDERS_10 = {
    **dict.fromkeys(("gmail.com", "googlemail.com"), ("+", True)),
    **dict.fromkeys(("outlook.com", "hotmail.com", "live.com", "fastmail.com", "fastmail.fm"), ("+", False)),
    **dict.fromkeys(("icloud.com", "me.com", "mac.com"), ("+", False)),
    "yahoo.com": ("-", False),
}


def _key_10(c: sqlite3.Connection, address: str) -> tuple[str, str]:
    """(identity, matching form) of an entry as schema 10 computes them; no account
    folds extra separators yet."""
    try:
        addr = parse_address(address.strip())
    except AddressError:
        local, at, domain = address.strip().rpartition("@")
        return f"{local}{at}{domain.lower()}", address.strip().lower()
    lp = unicodedata.normalize("NFC", addr.localpart).lower()
    dom = c.execute("SELECT id FROM domains WHERE name = ?", (addr.domain,)).fetchone()
    if (
        dom is not None
        and not c.execute("SELECT 1 FROM addresses WHERE domain_id = ? AND localpart = ?", (dom[0], lp)).fetchone()
    ):
        seen = set()
        for i, ch in enumerate(lp):
            if ch in "+-_=." and ch not in seen and i > 0:
                seen.add(ch)
                if c.execute(
                    "SELECT 1 FROM addresses a JOIN accounts acc ON acc.id = a.account_id"
                    " WHERE a.domain_id = ? AND a.localpart = ? AND acc.catchall_separator = ?",
                    (dom[0], lp[:i], ch),
                ).fetchone():
                    lp = lp[:i]
                    break
    seps, dots = _PROVIDERS_10.get(addr.domain, ("", False))
    cut = min((i for i in (lp.find(s) for s in seps) if i > 0), default=-1)
    if cut > 0:
        lp = lp[:cut]
    if dots:
        lp = lp.replace(".", "") or lp
    return f"{quote_localpart(addr.localpart)}@{addr.domain}", f"{lp}@{addr.domain}"


def _exact_suppressions(c: sqlite3.Connection) -> None:
    """10: suppressions match exactly unless the receiving domain folds sub-addresses
    (entries made under the old rule, which dropped any +tag or -tag, are recomputed
    from the address they were added with); one entry per address, its matching form a
    column that the rules may change without merging entries; the entry that
    suppressed a recipient is kept on its row; recipients are found whatever their case."""
    for stmt in _statements(
        """
        ALTER TABLE accounts ADD COLUMN suppression_fold TEXT NOT NULL DEFAULT '';  -- separators folded everywhere
        ALTER TABLE outbound ADD COLUMN suppressed_by TEXT;  -- JSON SuppressedBy: the entry that matched
        DROP INDEX outbound_account_recipient;
        CREATE INDEX outbound_account_recipient ON outbound(account_id, recipient COLLATE NOCASE, id);
        ALTER TABLE suppressions RENAME TO suppressions_9;
        CREATE TABLE suppressions (
            account_id INTEGER NOT NULL REFERENCES accounts(id) ON DELETE CASCADE,
            address TEXT NOT NULL,                  -- as given, the domain in lower-case A-labels
            base_address TEXT NOT NULL,             -- matching form (mta/store/suppressions.py), not unique
            reason TEXT NOT NULL,
            manual INTEGER NOT NULL,
            created INTEGER NOT NULL,
            exact INTEGER NOT NULL DEFAULT 0,       -- matched without folding (a simulated failure)
            PRIMARY KEY (account_id, address)
        );
        CREATE INDEX suppressions_base ON suppressions(account_id, base_address, address);
        """
    ):
        c.execute(stmt)
    rows = c.execute("SELECT * FROM suppressions_9 ORDER BY manual DESC, created").fetchall()
    for account_id, _base, address, reason, manual, created in rows:
        ident, key = _key_10(c, address)
        c.execute(
            "INSERT OR IGNORE INTO suppressions (account_id, address, base_address, reason, manual, created)"
            " VALUES (?, ?, ?, ?, ?, ?)",
            (account_id, ident, key, reason, manual, created),
        )
    c.execute("DROP TABLE suppressions_9")


MIGRATIONS: list[str | Callable[[sqlite3.Connection], None]] = [
    # 1: domains, accounts, addresses, aliases, mailboxes, messages.
    """
    CREATE TABLE domains (
        id INTEGER PRIMARY KEY,
        name TEXT NOT NULL UNIQUE,              -- lower case, IDNA A-label form
        created INTEGER NOT NULL                -- unix ms
    );
    CREATE TABLE accounts (
        id INTEGER PRIMARY KEY,
        name TEXT NOT NULL UNIQUE,
        password_hash TEXT,                     -- argon2id, NULL: no password login
        scram_sha256 TEXT,                      -- salt,iterations,stored key,server key
        catchall_separator TEXT NOT NULL DEFAULT '+',
        highest_modseq INTEGER NOT NULL DEFAULT 0,
        uidvalidity_next INTEGER NOT NULL DEFAULT 1,
        created INTEGER NOT NULL
    );
    -- localpart '' is the catch-all of its domain.
    CREATE TABLE addresses (
        id INTEGER PRIMARY KEY,
        localpart TEXT NOT NULL,                -- lower case, NFC
        domain_id INTEGER NOT NULL REFERENCES domains(id) ON DELETE CASCADE,
        account_id INTEGER NOT NULL REFERENCES accounts(id) ON DELETE CASCADE,
        created INTEGER NOT NULL,
        UNIQUE (domain_id, localpart)
    );
    CREATE INDEX addresses_account ON addresses(account_id);
    CREATE TABLE aliases (
        id INTEGER PRIMARY KEY,
        localpart TEXT NOT NULL,
        domain_id INTEGER NOT NULL REFERENCES domains(id) ON DELETE CASCADE,
        created INTEGER NOT NULL,
        UNIQUE (domain_id, localpart)
    );
    CREATE TABLE alias_members (
        alias_id INTEGER NOT NULL REFERENCES aliases(id) ON DELETE CASCADE,
        account_id INTEGER NOT NULL REFERENCES accounts(id) ON DELETE CASCADE,
        PRIMARY KEY (alias_id, account_id)
    );
    CREATE TABLE mailboxes (
        id INTEGER PRIMARY KEY,
        account_id INTEGER NOT NULL REFERENCES accounts(id) ON DELETE CASCADE,
        name TEXT NOT NULL,                     -- hierarchy separator '/'
        special_use TEXT,                       -- \\Inbox-less roles: \\Sent, \\Trash, ...
        uidvalidity INTEGER NOT NULL,
        uidnext INTEGER NOT NULL DEFAULT 1,
        subscribed INTEGER NOT NULL DEFAULT 1,
        modseq INTEGER NOT NULL,
        created INTEGER NOT NULL,
        UNIQUE (account_id, name)
    );
    CREATE TABLE messages (
        id INTEGER PRIMARY KEY,                 -- also names the message file
        account_id INTEGER NOT NULL REFERENCES accounts(id) ON DELETE CASCADE,
        mailbox_id INTEGER NOT NULL REFERENCES mailboxes(id) ON DELETE CASCADE,
        uid INTEGER NOT NULL,
        modseq INTEGER NOT NULL,
        created_modseq INTEGER NOT NULL,
        flags INTEGER NOT NULL DEFAULT 0,       -- bit set of the system flags
        keywords TEXT NOT NULL DEFAULT '[]',    -- JSON list
        size INTEGER NOT NULL,
        received INTEGER NOT NULL,              -- unix ms
        mail_from TEXT NOT NULL DEFAULT '',
        rcpt_to TEXT NOT NULL DEFAULT '',
        remote_ip TEXT NOT NULL DEFAULT '',
        message_id TEXT NOT NULL DEFAULT '',
        subject TEXT NOT NULL DEFAULT '',
        envelope BLOB NOT NULL,                 -- msgspec JSON of mta.message.Envelope
        structure BLOB NOT NULL,                -- msgspec JSON of mta.message.Part
        UNIQUE (mailbox_id, uid)
    );
    CREATE INDEX messages_account_modseq ON messages(account_id, modseq);
    CREATE INDEX messages_mailbox_received ON messages(mailbox_id, received);
    """,
    # 2: sending: DKIM keys, API keys, idempotency keys, the outbound queue and its attempts.
    """
    ALTER TABLE accounts ADD COLUMN unique_from_ids INTEGER NOT NULL DEFAULT 1;
    CREATE TABLE dkim_keys (
        id INTEGER PRIMARY KEY,
        domain_id INTEGER NOT NULL REFERENCES domains(id) ON DELETE CASCADE,
        selector TEXT NOT NULL,
        algorithm TEXT NOT NULL,                -- ed25519 | rsa
        private_pem TEXT NOT NULL,
        created INTEGER NOT NULL,
        UNIQUE (domain_id, selector)
    );
    CREATE TABLE api_keys (
        id INTEGER PRIMARY KEY,
        account_id INTEGER NOT NULL REFERENCES accounts(id) ON DELETE CASCADE,
        name TEXT NOT NULL,
        prefix TEXT NOT NULL UNIQUE,            -- public part of the key, for lookup
        secret_hash BLOB NOT NULL,              -- SHA-256 of the secret part
        scopes TEXT NOT NULL,                   -- space separated: send read manage
        created INTEGER NOT NULL,
        last_used INTEGER,
        revoked INTEGER
    );
    CREATE INDEX api_keys_account ON api_keys(account_id);
    CREATE TABLE idempotency (
        account_id INTEGER NOT NULL REFERENCES accounts(id) ON DELETE CASCADE,
        key TEXT NOT NULL,
        request_hash BLOB NOT NULL,
        status INTEGER NOT NULL,
        response BLOB NOT NULL,
        created INTEGER NOT NULL,
        PRIMARY KEY (account_id, key)
    );
    CREATE INDEX idempotency_created ON idempotency(created);
    -- One row per submitted message; its file is queue/<id // 1000>/<id>.
    CREATE TABLE outbound_messages (
        id INTEGER PRIMARY KEY,
        account_id INTEGER NOT NULL REFERENCES accounts(id) ON DELETE CASCADE,
        message_id TEXT NOT NULL,
        subject TEXT NOT NULL,
        sender TEXT NOT NULL,                   -- From: address
        size INTEGER NOT NULL,
        smtputf8 INTEGER NOT NULL,
        require_tls INTEGER,                    -- NULL: default policy
        metadata TEXT NOT NULL DEFAULT '{}',
        created INTEGER NOT NULL
    );
    CREATE INDEX outbound_messages_message_id ON outbound_messages(account_id, message_id);
    -- One row per recipient, queued and then retired (kept as history).
    CREATE TABLE outbound (
        id INTEGER PRIMARY KEY,
        message_ref INTEGER NOT NULL REFERENCES outbound_messages(id) ON DELETE CASCADE,
        account_id INTEGER NOT NULL REFERENCES accounts(id) ON DELETE CASCADE,
        from_id TEXT NOT NULL UNIQUE,
        mail_from TEXT NOT NULL,
        recipient TEXT NOT NULL,
        recipient_domain TEXT NOT NULL,
        state TEXT NOT NULL,                    -- queued held delivered failed canceled suppressed expired
        attempts INTEGER NOT NULL DEFAULT 0,
        next_attempt INTEGER NOT NULL,          -- unix ms
        deliver_by INTEGER,
        last_code INTEGER,
        last_enhanced TEXT NOT NULL DEFAULT '',
        last_text TEXT NOT NULL DEFAULT '',
        delayed_dsn INTEGER NOT NULL DEFAULT 0,
        created INTEGER NOT NULL,
        updated INTEGER NOT NULL
    );
    CREATE INDEX outbound_due ON outbound(next_attempt) WHERE state = 'queued';
    CREATE INDEX outbound_account ON outbound(account_id, id);
    CREATE INDEX outbound_message ON outbound(message_ref);
    CREATE TABLE outbound_attempts (
        id INTEGER PRIMARY KEY,
        outbound_id INTEGER NOT NULL REFERENCES outbound(id) ON DELETE CASCADE,
        time INTEGER NOT NULL,
        host TEXT NOT NULL,
        ip TEXT NOT NULL,
        tls TEXT NOT NULL,
        code INTEGER,
        enhanced TEXT NOT NULL,
        text TEXT NOT NULL,
        duration_ms INTEGER NOT NULL
    );
    CREATE INDEX outbound_attempts_outbound ON outbound_attempts(outbound_id);
    """,
    # 3: delivery controls: suppression lists, hold rules, history indexes.
    """
    CREATE TABLE suppressions (
        account_id INTEGER NOT NULL REFERENCES accounts(id) ON DELETE CASCADE,
        base_address TEXT NOT NULL,             -- matching form (see mta/suppress.py)
        address TEXT NOT NULL,                  -- as given
        reason TEXT NOT NULL,
        manual INTEGER NOT NULL,
        created INTEGER NOT NULL,
        PRIMARY KEY (account_id, base_address)
    );
    CREATE TABLE hold_rules (
        id INTEGER PRIMARY KEY,
        account_id INTEGER REFERENCES accounts(id) ON DELETE CASCADE,  -- NULL: every account
        sender_domain TEXT NOT NULL DEFAULT '',
        recipient_domain TEXT NOT NULL DEFAULT '',
        created INTEGER NOT NULL
    );
    CREATE INDEX outbound_account_state ON outbound(account_id, state, id);
    CREATE INDEX outbound_account_recipient ON outbound(account_id, recipient, id);
    CREATE INDEX outbound_account_domain ON outbound(account_id, recipient_domain, id);
    CREATE INDEX outbound_retired ON outbound(updated) WHERE state NOT IN ('queued', 'held');
    """,
    # 4: webhooks: per-account configuration, the delivery queue and its attempts.
    """
    CREATE TABLE webhook_configs (
        account_id INTEGER PRIMARY KEY REFERENCES accounts(id) ON DELETE CASCADE,
        outgoing_url TEXT NOT NULL DEFAULT '',
        incoming_url TEXT NOT NULL DEFAULT '',
        events TEXT NOT NULL DEFAULT '[]',      -- JSON list; empty: all
        authorization TEXT NOT NULL DEFAULT '',
        secret TEXT NOT NULL DEFAULT '',        -- whsec_...
        old_secret TEXT NOT NULL DEFAULT '',
        old_secret_until INTEGER NOT NULL DEFAULT 0,
        updated INTEGER NOT NULL
    );
    CREATE TABLE webhook_deliveries (
        id INTEGER PRIMARY KEY,
        msg_id TEXT NOT NULL UNIQUE,            -- webhook-id header, the same on every retry
        account_id INTEGER NOT NULL REFERENCES accounts(id) ON DELETE CASCADE,
        url TEXT NOT NULL,
        event TEXT NOT NULL,
        outbound_id INTEGER,                    -- for outgoing events
        sequence INTEGER NOT NULL DEFAULT 0,
        payload BLOB NOT NULL,
        state TEXT NOT NULL,                    -- pending delivered failed superseded
        attempts INTEGER NOT NULL DEFAULT 0,
        next_attempt INTEGER NOT NULL,
        last_status INTEGER,
        last_error TEXT NOT NULL DEFAULT '',
        created INTEGER NOT NULL,
        updated INTEGER NOT NULL
    );
    CREATE INDEX webhook_due ON webhook_deliveries(next_attempt) WHERE state = 'pending';
    CREATE INDEX webhook_account ON webhook_deliveries(account_id, id);
    CREATE INDEX webhook_retired ON webhook_deliveries(updated) WHERE state != 'pending';
    CREATE INDEX webhook_outbound ON webhook_deliveries(outbound_id, url) WHERE outbound_id IS NOT NULL;
    CREATE TABLE webhook_attempts (
        id INTEGER PRIMARY KEY,
        delivery_id INTEGER NOT NULL REFERENCES webhook_deliveries(id) ON DELETE CASCADE,
        time INTEGER NOT NULL,
        status INTEGER,
        response TEXT NOT NULL,
        error TEXT NOT NULL,
        duration_ms INTEGER NOT NULL
    );
    CREATE INDEX webhook_attempts_delivery ON webhook_attempts(delivery_id);
    """,
    # 5: the event outbox: events written in the transaction that made the change, turned
    # into webhook calls afterwards, so a crash between the two loses nothing.
    """
    CREATE TABLE event_outbox (
        id INTEGER PRIMARY KEY,
        account_id INTEGER NOT NULL REFERENCES accounts(id) ON DELETE CASCADE,
        kind TEXT NOT NULL,                     -- outbound (ref: outbound.id), incoming (ref: messages.id)
        ref INTEGER NOT NULL,
        event TEXT NOT NULL,                    -- delivered failed ... incoming
        time INTEGER NOT NULL,
        code INTEGER,
        enhanced TEXT NOT NULL DEFAULT '',
        error TEXT NOT NULL DEFAULT '',
        suppressing INTEGER NOT NULL DEFAULT 0
    );
    """,
    # 6: events caused by a DSN that came back as mail (bounce matching).
    """
    ALTER TABLE event_outbox ADD COLUMN dsn INTEGER NOT NULL DEFAULT 0;
    """,
    # 7: mail access: list-view fields, threads, full-text search, the change log.
    """
    ALTER TABLE messages ADD COLUMN thread_id INTEGER NOT NULL DEFAULT 0;   -- id of the thread's first message
    ALTER TABLE messages ADD COLUMN date INTEGER NOT NULL DEFAULT 0;        -- Date: header, unix ms
    ALTER TABLE messages ADD COLUMN sort_from TEXT NOT NULL DEFAULT '';
    ALTER TABLE messages ADD COLUMN base_subject TEXT NOT NULL DEFAULT '';  -- for threading by subject
    ALTER TABLE messages ADD COLUMN snippet TEXT NOT NULL DEFAULT '';
    ALTER TABLE messages ADD COLUMN has_attachment INTEGER NOT NULL DEFAULT 0;
    ALTER TABLE messages ADD COLUMN auth TEXT NOT NULL DEFAULT '{}';        -- JSON AuthResults
    ALTER TABLE messages ADD COLUMN indexed INTEGER NOT NULL DEFAULT 0;     -- 0: stored before version 7
    ALTER TABLE accounts ADD COLUMN changes_floor INTEGER NOT NULL DEFAULT 0;  -- change log purged up to here
    CREATE INDEX messages_mailbox_date ON messages(mailbox_id, date);
    CREATE INDEX messages_mailbox_counts ON messages(mailbox_id, flags, size);
    CREATE INDEX messages_account_received ON messages(account_id, received);
    CREATE INDEX messages_account_thread ON messages(account_id, thread_id);
    CREATE INDEX messages_account_message_id ON messages(account_id, message_id);
    CREATE INDEX messages_account_subject ON messages(account_id, base_subject);
    CREATE INDEX messages_unindexed ON messages(id) WHERE indexed = 0;
    -- rowid is messages.id. Kept by the store at delivery; rows go with their message.
    CREATE VIRTUAL TABLE messages_fts USING fts5(
        subject, sender, recipients, body, tokenize = 'unicode61 remove_diacritics 2'
    );
    CREATE TRIGGER messages_fts_delete AFTER DELETE ON messages BEGIN
        DELETE FROM messages_fts WHERE rowid = old.id;
    END;
    -- What changed in an account, in modseq order: for the API's event stream and IMAP.
    CREATE TABLE mail_changes (
        id INTEGER PRIMARY KEY,
        account_id INTEGER NOT NULL REFERENCES accounts(id) ON DELETE CASCADE,
        modseq INTEGER NOT NULL,
        kind TEXT NOT NULL,                     -- new flags moved expunged mailbox_*
        mailbox_id INTEGER NOT NULL,
        message_id INTEGER NOT NULL DEFAULT 0,
        uid INTEGER NOT NULL DEFAULT 0,
        prev_mailbox_id INTEGER NOT NULL DEFAULT 0,
        prev_uid INTEGER NOT NULL DEFAULT 0,
        time INTEGER NOT NULL
    );
    CREATE INDEX mail_changes_account ON mail_changes(account_id, modseq);
    CREATE INDEX mail_changes_time ON mail_changes(time);
    """,
    # 8: outbound metadata as rows, so a history filter by key and value is an index lookup.
    """
    CREATE TABLE outbound_metadata (
        account_id INTEGER NOT NULL REFERENCES accounts(id) ON DELETE CASCADE,
        key TEXT NOT NULL,
        value TEXT NOT NULL,
        message_ref INTEGER NOT NULL REFERENCES outbound_messages(id) ON DELETE CASCADE,
        PRIMARY KEY (account_id, key, value, message_ref)
    ) WITHOUT ROWID;
    CREATE INDEX outbound_metadata_message ON outbound_metadata(message_ref);
    INSERT OR IGNORE INTO outbound_metadata (account_id, key, value, message_ref)
        SELECT m.account_id, j.key, j.value, m.id FROM outbound_messages m, json_each(m.metadata) j
        WHERE j.type = 'text';
    """,
    # 9: a small queued message is kept in the database, committed with its rows: no
    # file of its own to create and fsync, nor a directory. Larger ones stay files.
    """
    CREATE TABLE outbound_bodies (
        message_ref INTEGER PRIMARY KEY REFERENCES outbound_messages(id) ON DELETE CASCADE,
        data BLOB NOT NULL
    );
    """,
    _exact_suppressions,
    # 11: a webhook call goes to its account's URL for its kind (target) as configured at
    # each attempt; superseding compares event times and spares reports (DSN, complaint).
    """
    ALTER TABLE webhook_deliveries ADD COLUMN target TEXT NOT NULL DEFAULT 'outgoing';  -- outgoing | incoming
    ALTER TABLE webhook_deliveries ADD COLUMN event_time INTEGER NOT NULL DEFAULT 0;   -- when the event happened
    ALTER TABLE webhook_deliveries ADD COLUMN report INTEGER NOT NULL DEFAULT 0;       -- a DSN or complaint event
    ALTER TABLE webhook_attempts ADD COLUMN url TEXT NOT NULL DEFAULT '';              -- where this attempt went
    UPDATE webhook_deliveries SET target = 'incoming' WHERE event = 'incoming' OR (event = 'test' AND url IN
        (SELECT incoming_url FROM webhook_configs c WHERE c.account_id = webhook_deliveries.account_id
         AND c.incoming_url != c.outgoing_url));
    UPDATE webhook_deliveries SET event_time = created;
    UPDATE webhook_deliveries SET report = 1 WHERE event = 'complained'
        OR coalesce(json_extract(CAST(payload AS TEXT), '$.dsn'), 0) = 1;
    UPDATE webhook_attempts SET url = (SELECT url FROM webhook_deliveries d WHERE d.id = webhook_attempts.delivery_id);
    """,
    # 12: an outbound attempt is recorded as in flight before the message data is sent, so
    # one that a crash cut off shows in the history as a possible duplicate.
    """
    ALTER TABLE outbound_attempts ADD COLUMN in_flight INTEGER NOT NULL DEFAULT 0;
    CREATE INDEX outbound_attempts_in_flight ON outbound_attempts(outbound_id) WHERE in_flight = 1;
    """,
    # 13: browser sessions (a cookie), found by a SHA-256 of their token, never the token.
    """
    CREATE TABLE sessions (
        id INTEGER PRIMARY KEY,
        account_id INTEGER NOT NULL REFERENCES accounts(id) ON DELETE CASCADE,
        token_hash BLOB NOT NULL UNIQUE,        -- SHA-256 of the cookie's token
        csrf_token TEXT NOT NULL,               -- echoed by the page in X-CSRF-Token
        address TEXT NOT NULL,                  -- the login address
        created INTEGER NOT NULL,               -- ms
        last_used INTEGER NOT NULL,             -- ms, refreshed at most every minute or so
        expires INTEGER NOT NULL,               -- ms, the absolute end
        idle_timeout INTEGER NOT NULL           -- ms of inactivity that end it
    );
    CREATE INDEX sessions_account ON sessions(account_id);
    CREATE INDEX sessions_expires ON sessions(expires);
    """,
]

SCHEMA_VERSION = len(MIGRATIONS)


class SchemaTooNew(Exception):
    pass


def migrate(conn: sqlite3.Connection) -> int:
    """Bring the database to SCHEMA_VERSION; returns the version found before."""
    (found,) = conn.execute("PRAGMA user_version").fetchone()
    if found > SCHEMA_VERSION:
        raise SchemaTooNew(f"database schema version {found} is newer than this program's {SCHEMA_VERSION}")
    for version in range(found + 1, SCHEMA_VERSION + 1):
        conn.execute("BEGIN IMMEDIATE")
        try:
            step = MIGRATIONS[version - 1]
            if isinstance(step, str):
                for stmt in _statements(step):
                    conn.execute(stmt)
            else:
                step(conn)
            conn.execute(f"PRAGMA user_version = {version}")
            conn.execute("COMMIT")
        except BaseException:
            conn.execute("ROLLBACK")
            raise
    return int(found)


def _statements(script: str) -> list[str]:
    out: list[str] = []
    buf = ""
    for line in script.splitlines(keepends=True):
        buf += line
        if sqlite3.complete_statement(buf):
            if buf.strip():
                out.append(buf.strip())
            buf = ""
    if buf.strip():
        out.append(buf.strip())
    return out
