"""The SMTP server: receiving (port 25) and submission (587, 465) on aiosmtpd."""

from mta.smtpserver.handler import Handler, RemoteSubmission, RemoteSubmit
from mta.smtpserver.listener import ListenerSpec, SMTPListener, start_listener

__all__ = ["Handler", "ListenerSpec", "RemoteSubmission", "RemoteSubmit", "SMTPListener", "start_listener"]
