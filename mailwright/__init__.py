"""Mailwright: the command line and the wiring of the layers (serve, localserve, admin)."""
