"""SMTP concepts shared by the server and (later) the client: addresses and replies."""
