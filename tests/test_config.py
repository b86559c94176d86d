"""The serve configuration file: decoding, and errors that name the file and the key."""

from __future__ import annotations

from pathlib import Path

import pytest

from mailwright.config import ConfigError, load

GOOD = """
hostname = "mail.example.org"
data_dir = "data"

[[listeners]]
kind = "smtp"
port = 2525

[[listeners]]
kind = "http"
address = "127.0.0.1"
port = 8080
"""


SMARTHOST = """
[transports.relay]
kind = "smtp"
host = "{host}"
"""


def write(tmp_path: Path, text: str) -> Path:
    p = tmp_path / "mailwright.toml"
    p.write_text(text)
    return p


def test_good_config(tmp_path: Path) -> None:
    c = load(write(tmp_path, GOOD))
    assert c.hostname == "mail.example.org"
    assert c.data_dir == str(tmp_path / "data")  # relative to the file
    assert [lst.kind for lst in c.listeners] == ["smtp", "http"]
    assert c.listeners[0].address == "0.0.0.0"
    assert c.smtp.max_message_size == 50 * 1024 * 1024


@pytest.mark.parametrize(
    ("text", "message"),
    [
        (GOOD.replace("port = 2525", 'port = "2525"'), "listeners[0].port: Expected int, got str"),
        (
            GOOD.replace('kind = "smtp"', 'kind = "smtpp"'),
            "listeners[0].kind: Invalid enum value 'smtpp'; expected one of: smtp, submission, submissions, http",
        ),
        (GOOD + "\nhostnme = 'x'\n", "hostnme: unknown key"),
        (GOOD + "\n[smtp]\nmax_mesage_size = 5\n", "smtp.max_mesage_size: unknown key"),
        (GOOD.replace('hostname = "mail.example.org"', ""), "hostname: required key is missing"),
        (GOOD.replace("port = 2525", "port = 70000"), "listeners[0].port: 70000 is not a port number"),
        (GOOD.replace('kind = "smtp"', 'kind = "submissions"'), "listeners[0].kind: submissions (implicit TLS) needs"),
        (GOOD + '\n[tls]\ncert_file = "nope.pem"\nkey_file = "nope.key"\n', "tls.cert_file: no such file"),
        (GOOD.replace('hostname = "mail.example.org"', 'hostname = "bad host"'), "hostname: not a valid host name"),
        ("hostname = [", "TOML syntax error"),
        (GOOD + "\n[smtp]\nmax_message_size = 10\n", "smtp.max_message_size: 10 is too small"),
        (GOOD + SMARTHOST.format(host="relay.test:smtp"), "relay.host: 'relay.test:smtp': 'smtp' is not a port"),
        (GOOD + SMARTHOST.format(host="relay.test:"), "transports.relay.host: 'relay.test:': the port is missing"),
        (GOOD + SMARTHOST.format(host="[relay.test]:25"), "'relay.test' is not an IPv6 address"),
        (GOOD + SMARTHOST.format(host="2001:db8::1:25x"), "not a host, host:port or [IPv6]:port"),
        (GOOD + SMARTHOST.format(host="relay.test:2525") + "port = 2526\n", "transports.relay.port: 2526 contradicts"),
        (GOOD + SMARTHOST.format(host="relay.test") + "port = 70000\n", "transports.relay.port: 70000 is not a port"),
        (GOOD + "\n[outbound]\nfirst_retry_seconds = 0\n", "outbound.first_retry_seconds: must be more than 0"),
    ],
)
def test_config_errors_name_file_and_key(tmp_path: Path, text: str, message: str) -> None:
    path = write(tmp_path, text)
    with pytest.raises(ConfigError) as exc:
        load(path)
    assert str(exc.value).startswith(f"{path}: ")
    assert message in str(exc.value)


def test_missing_file(tmp_path: Path) -> None:
    with pytest.raises(ConfigError, match="cannot read"):
        load(tmp_path / "absent.toml")


@pytest.mark.parametrize(
    ("host", "port", "expected"),
    [
        ("127.0.0.1:30999", None, ("127.0.0.1", 30999)),
        ("[2001:db8::25]:2525", None, ("2001:db8::25", 2525)),
        ("[2001:db8::25]", None, ("2001:db8::25", 0)),
        ("2001:db8::25", None, ("2001:db8::25", 0)),
        ("relay.example.net", 2525, ("relay.example.net", 2525)),
        ("relay.example.net:2525", 2525, ("relay.example.net", 2525)),
        ("relay.example.net", None, ("relay.example.net", 0)),  # 0: the kind's default port
    ],
)
def test_smarthost_host_may_carry_the_port(
    tmp_path: Path, host: str, port: int | None, expected: tuple[str, int]
) -> None:
    text = GOOD + SMARTHOST.format(host=host) + (f"port = {port}\n" if port else "")
    t = load(write(tmp_path, text)).transports["relay"]
    assert (t.host, t.port) == expected
